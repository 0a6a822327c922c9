namespace Ursa.Client.Connection;

/// <summary>Where the API server is and how to prove who we are: what a kubeconfig context boils down to.</summary>
/// <param name="Server">The server URL, possibly with a tenant prefix (<c>https://127.0.0.1:6443/tenants/acme</c>).</param>
/// <param name="CertificateAuthorityPem">The cluster CA that signs the serving certificate.</param>
/// <param name="Token">The bearer token.</param>
public sealed record ClusterConnection(Uri Server, string CertificateAuthorityPem, string Token);
