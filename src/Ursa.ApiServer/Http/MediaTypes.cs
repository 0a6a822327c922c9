namespace Ursa.ApiServer.Http;

/// <summary>Media types the server speaks.</summary>
public static class MediaTypes
{
    public const string Json = "application/json";
    public const string Table = "application/json;as=Table;v=v1;g=meta.k8s.io";
    public const string Text = "text/plain";

    /// <summary>True when the client asked for a <c>meta.k8s.io/v1 Table</c> (kubectl get).</summary>
    public static bool WantsTable(string? accept) =>
        accept is not null && accept.Contains("as=Table", StringComparison.Ordinal) && accept.Contains("g=meta.k8s.io", StringComparison.Ordinal);
}
