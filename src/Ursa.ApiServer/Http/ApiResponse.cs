using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Ursa.Api.Serialization;
using Ursa.ApiServer.Errors;

namespace Ursa.ApiServer.Http;

/// <summary>Writes objects and Status errors.</summary>
public static class ApiResponse
{
    public static async Task WriteJsonAsync(HttpResponse response, int statusCode, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = MediaTypes.Json;
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpResponse response, ApiException error, CancellationToken cancellationToken)
    {
        if (error.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(error.ToStatus(), UrsaJsonContext.Default.Status);
        return WriteJsonAsync(response, (int)error.Code, json, cancellationToken);
    }

    public static Task WriteSuccessStatusAsync(HttpResponse response, StatusDetails details, CancellationToken cancellationToken)
    {
        var status = new Status { ApiVersion = "v1", Kind = "Status", Metadata = new ListMeta(), Outcome = "Success", Details = details };
        return WriteJsonAsync(response, 200, JsonSerializer.SerializeToUtf8Bytes(status, UrsaJsonContext.Default.Status), cancellationToken);
    }
}
