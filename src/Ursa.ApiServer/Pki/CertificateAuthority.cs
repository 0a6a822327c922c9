using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ursa.ApiServer.Pki;

/// <summary>
/// The cluster CA: created on first start under the data directory (ca.crt, ca.key), reused after. It signs the
/// API server's serving certificate; kubeconfigs carry its certificate so clients verify the server.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    private CertificateAuthority(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        _key = key;
    }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    public static CertificateAuthority LoadOrCreate(string directory, TimeProvider time)
    {
        Directory.CreateDirectory(directory);
        var certPath = Path.Combine(directory, "ca.crt");
        var keyPath = Path.Combine(directory, "ca.key");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(keyPath));
            return new CertificateAuthority(X509Certificate2.CreateFromPem(File.ReadAllText(certPath)), key);
        }

        var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ursa-ca", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        WritePrivate(keyPath, caKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        return new CertificateAuthority(certificate, caKey);
    }

    /// <summary>Issues a serving certificate for loopback names (127.0.0.1, ::1, localhost) plus any extra names.</summary>
    public X509Certificate2 IssueServingCertificate(TimeProvider time, IEnumerable<string> extraNames) =>
        Issue(time, "CN=ursa-apiserver", ["127.0.0.1", "::1", "localhost", .. extraNames], ServerAuthentication);

    /// <summary>
    /// Issues a node's serving certificate for its streaming endpoint (logs, exec, attach), valid for the node's
    /// addresses (IPs or DNS names) as its Node object advertises them: the API server checks both the chain and
    /// the address it dials.
    /// </summary>
    public X509Certificate2 IssueNodeServingCertificate(TimeProvider time, string nodeName, IEnumerable<string> addresses) =>
        Issue(time, $"CN=system:node:{nodeName}, O=system:nodes", addresses, ServerAuthentication);

    /// <summary>
    /// Issues a client certificate (client-auth usage only), e.g. the API server's identity towards node agents
    /// (the kubelet-client certificate of Kubernetes).
    /// </summary>
    public X509Certificate2 IssueClientCertificate(TimeProvider time, string commonName, string? organization = null) =>
        Issue(time, organization is null ? $"CN={commonName}" : $"CN={commonName}, O={organization}", [], ClientAuthentication);

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private X509Certificate2 Issue(TimeProvider time, string subject, IEnumerable<string> names, string usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        var any = false;
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            any = true;
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        if (any)
        {
            request.CertificateExtensions.Add(san.Build());
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        var now = time.GetUtcNow();
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), now.AddMinutes(-5), now.AddYears(1), serial);
        using var withKey = signed.CopyWithPrivateKey(key);

        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
