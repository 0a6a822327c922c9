namespace Ursa.Client.Rest;

/// <summary>Scope and filters of a list or watch.</summary>
public sealed record ListOptions
{
    public static ListOptions Everything { get; } = new();

    /// <summary>Tenant to list in; null = the caller's own; "all" = every tenant (system tenant only).</summary>
    public string? Tenant { get; init; }

    /// <summary>Namespace; null = all namespaces.</summary>
    public string? Namespace { get; init; }

    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>For watches: start after this resourceVersion.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>For watches: end the stream after this many seconds.</summary>
    public int? TimeoutSeconds { get; init; }

    public string Query(bool watch)
    {
        var parts = new List<string>();
        if (watch)
        {
            parts.Add("watch=true");
            parts.Add("allowWatchBookmarks=true");
        }

        if (LabelSelector is { Length: > 0 } labels) parts.Add("labelSelector=" + Uri.EscapeDataString(labels));
        if (FieldSelector is { Length: > 0 } fields) parts.Add("fieldSelector=" + Uri.EscapeDataString(fields));
        if (ResourceVersion is { Length: > 0 } rv) parts.Add("resourceVersion=" + Uri.EscapeDataString(rv));
        if (TimeoutSeconds is { } timeout) parts.Add("timeoutSeconds=" + timeout.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}
