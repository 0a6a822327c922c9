namespace Ursa.ApiMachinery.Selectors;

/// <summary>
/// Kubernetes syntax rules for label keys (qualified names) and label values, with the same error text
/// as <c>k8s.io/apimachinery/pkg/util/validation</c>. Returns <c>null</c> when valid.
/// </summary>
internal static class LabelSyntax
{
    public const int NameMaxLength = 63;
    public const int PrefixMaxLength = 253;

    private const string NameRule =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
        + "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string ValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
        + "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used "
        + "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private const string SubdomainRule =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
        + "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    /// <summary>Validates a label key: <c>[dns-subdomain-prefix/]name</c>.</summary>
    public static string? ValidateKey(string key)
    {
        string[] parts = key.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                string prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    return "prefix part must be non-empty";
                }

                if (prefix.Length > PrefixMaxLength)
                {
                    return $"prefix part must be no more than {PrefixMaxLength} characters";
                }

                if (!IsDnsSubdomain(prefix))
                {
                    return "prefix part " + SubdomainRule;
                }

                break;
            default:
                return "a qualified name " + NameRule
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
        }

        if (name.Length == 0)
        {
            return "name part must be non-empty";
        }

        if (name.Length > NameMaxLength)
        {
            return $"name part must be no more than {NameMaxLength} characters";
        }

        return IsName(name) ? null : "name part " + NameRule;
    }

    /// <summary>Validates a label value: empty, or at most 63 name characters.</summary>
    public static string? ValidateValue(string value)
    {
        if (value.Length > NameMaxLength)
        {
            return $"must be no more than {NameMaxLength} characters";
        }

        return value.Length == 0 || IsName(value) ? null : ValueRule;
    }

    private static bool IsName(string s)
    {
        if (!char.IsAsciiLetterOrDigit(s[0]) || !char.IsAsciiLetterOrDigit(s[^1]))
        {
            return false;
        }

        foreach (char c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_' && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDnsSubdomain(string s)
    {
        foreach (string label in s.Split('.'))
        {
            if (label.Length == 0 || !IsLowerAlnum(label[0]) || !IsLowerAlnum(label[^1]))
            {
                return false;
            }

            foreach (char c in label)
            {
                if (!IsLowerAlnum(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsLowerAlnum(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c);
}
