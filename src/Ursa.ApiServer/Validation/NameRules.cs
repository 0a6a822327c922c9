using System.Text.RegularExpressions;

namespace Ursa.ApiServer.Validation;

/// <summary>Kubernetes name formats (DNS-1123 labels and subdomains, qualified label keys and values).</summary>
public static partial class NameRules
{
    public const int LabelMaxLength = 63;
    public const int SubdomainMaxLength = 253;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedNameRegex();

    /// <summary>Returns why <paramref name="value"/> is not a DNS-1123 label, or null when it is one.</summary>
    public static string? CheckDns1123Label(string value)
    {
        if (value.Length > LabelMaxLength)
        {
            return $"must be no more than {LabelMaxLength} characters";
        }

        return Dns1123LabelRegex().IsMatch(value)
            ? null
            : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    }

    /// <summary>Returns why <paramref name="value"/> is not a DNS-1123 subdomain, or null when it is one.</summary>
    public static string? CheckDns1123Subdomain(string value)
    {
        if (value.Length > SubdomainMaxLength)
        {
            return $"must be no more than {SubdomainMaxLength} characters";
        }

        return Dns1123SubdomainRegex().IsMatch(value)
            ? null
            : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    }

    /// <summary>Checks a label or annotation key: an optional DNS subdomain prefix and a qualified name.</summary>
    public static string? CheckQualifiedName(string value)
    {
        var slash = value.IndexOf('/');
        var name = value;
        if (slash >= 0)
        {
            var prefix = value[..slash];
            name = value[(slash + 1)..];
            if (prefix.Length == 0 || CheckDns1123Subdomain(prefix) is not null)
            {
                return "prefix part must be a DNS-1123 subdomain";
            }
        }

        if (name.Length == 0 || name.Length > LabelMaxLength || !QualifiedNameRegex().IsMatch(name))
        {
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, at most 63 characters (e.g. 'MyName', 'my.name', or '123-abc')";
        }

        return null;
    }

    /// <summary>Checks a label value: empty, or a qualified name of at most 63 characters.</summary>
    public static string? CheckLabelValue(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        return value.Length <= LabelMaxLength && QualifiedNameRegex().IsMatch(value)
            ? null
            : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, at most 63 characters";
    }
}
