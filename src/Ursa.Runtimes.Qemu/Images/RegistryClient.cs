using System.Net;
using System.Net.Http.Headers;

namespace Ursa.Runtimes.Qemu.Images;

/// <summary>The part of the OCI distribution API a pull needs: manifests and blobs, anonymously, digests checked.</summary>
internal sealed class RegistryClient(HttpClient http, DiskImageStoreOptions options)
{
    // The distribution spec lets registries refuse manifests over 4 MiB; nothing legitimate is bigger.
    private const int MaxManifestBytes = 4 << 20;

    /// <summary>Fetches a manifest or index by tag or digest; returns it with its digest (checked when the
    /// reference pinned one).</summary>
    public async Task<(OciManifest Manifest, string Digest)> GetManifestAsync(OciReference image, string tagOrDigest, CancellationToken cancellationToken)
    {
        Uri url = Url(image, "manifests", tagOrDigest);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (string accept in OciMediaTypes.ManifestAccept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using HttpResponseMessage response = await SendAsync(image, request, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > MaxManifestBytes)
        {
            throw new DiskImagePullException(image.ToString(), $"manifest {tagOrDigest} is larger than {MaxManifestBytes} bytes");
        }

        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        string digest = Sha256Digest.Of(body);
        if (Sha256Digest.IsValid(tagOrDigest) && digest != tagOrDigest)
        {
            throw new DiskImagePullException(image.ToString(), $"manifest digest {digest} does not match the requested {tagOrDigest}");
        }

        try
        {
            return (OciManifestReader.Parse(body, response.Content.Headers.ContentType?.MediaType), digest);
        }
        catch (FormatException error)
        {
            throw new DiskImagePullException(image.ToString(), error.Message, error);
        }
    }

    /// <summary>Opens a blob's body; the caller reads it through a <see cref="DigestingStream"/> and checks the digest.</summary>
    public async Task<HttpResponseMessage> GetBlobAsync(OciReference image, string digest, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(image, "blobs", digest));
        return await SendAsync(image, request, cancellationToken).ConfigureAwait(false);
    }

    private Uri Url(OciReference image, string kind, string reference)
    {
        Uri endpoint = RegistryEndpoints.Resolve(image.Registry, options.Mirrors);
        return new Uri(endpoint, $"{endpoint.AbsolutePath.TrimEnd('/')}/v2/{image.Repository}/{kind}/{reference}");
    }

    private async Task<HttpResponseMessage> SendAsync(OciReference image, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error)
        {
            throw new DiskImagePullException(image.ToString(), $"registry {request.RequestUri!.GetLeftPart(UriPartial.Authority)} is unreachable: {error.Message}", error);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            string what = request.RequestUri!.AbsolutePath;
            throw new DiskImagePullException(image.ToString(), response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                    $"registry {image.Registry} requires authentication for {what} ({(int)response.StatusCode}); only anonymous pulls are supported",
                HttpStatusCode.NotFound => $"{what} not found in registry {image.Registry}",
                _ => $"registry {image.Registry} answered {(int)response.StatusCode} {response.ReasonPhrase} for {what}",
            });
        }
    }
}
