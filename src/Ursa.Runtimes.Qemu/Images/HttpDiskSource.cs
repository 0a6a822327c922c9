using System.Net;
using System.Net.Http.Headers;

namespace Ursa.Runtimes.Qemu.Images;

/// <summary>Downloads a disk from an http(s) URL, revalidating a cached one with a conditional GET.</summary>
internal sealed class HttpDiskSource(HttpClient http, DiskImageStoreOptions options, TimeProvider time)
{
    /// <param name="previous">The reference's last pull, when its file is still cached: sent as If-None-Match /
    /// If-Modified-Since.</param>
    public async Task<DownloadResult> DownloadAsync(DiskImageReference reference, ReferenceRecord? previous, BlobWriter writer,
        ProgressMeter progress, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, reference.Url);
        if (previous?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out EntityTagHeaderValue? tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }
        else if (previous?.LastModified is { } modified)
        {
            request.Headers.IfModifiedSince = modified;
        }

        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = time.GetUtcNow();
        if (response.StatusCode == HttpStatusCode.NotModified && previous is not null)
        {
            return new DownloadResult(NotModified: true, previous with { PulledAt = now });
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new DiskImagePullException(reference.Key, response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}: only anonymous downloads are supported"
                : $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        long? length = response.Content.Headers.ContentLength;
        progress.Total = length;
        progress.Report(ImagePullPhase.Downloading);
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (var digesting = new DigestingStream(body, length ?? long.MaxValue, options.ReadIdleTimeout, time, progress))
        {
            await writer.CopyFromAsync(digesting, cancellationToken).ConfigureAwait(false);
            if (length is { } expected && digesting.BytesRead != expected)
            {
                throw new DiskImagePullException(reference.Key, $"the body ended after {digesting.BytesRead} of {expected} bytes");
            }
        }

        return new DownloadResult(NotModified: false,
            new ReferenceRecord(reference.Key, now, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified));
    }
}
