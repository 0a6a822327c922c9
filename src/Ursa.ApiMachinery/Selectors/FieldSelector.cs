using System.Text;

namespace Ursa.ApiMachinery.Selectors;

/// <summary>
/// A Kubernetes field selector (<c>?fieldSelector=</c>): an AND of <c>field=value</c>, <c>field==value</c> and
/// <c>field!=value</c> terms. Values may escape <c>\</c>, <c>,</c> and <c>=</c> with a backslash, as in
/// <c>k8s.io/apimachinery/pkg/fields</c>. Immutable and thread-safe.
/// </summary>
public sealed class FieldSelector
{
    private static readonly string[] Operators = ["!=", "==", "="];

    private readonly FieldRequirement[] _requirements;

    private FieldSelector(FieldRequirement[] requirements)
    {
        _requirements = requirements;
    }

    /// <summary>The selector with no terms; matches everything.</summary>
    public static FieldSelector Empty { get; } = new([]);

    /// <summary>The terms, in the order Kubernetes keeps them (sorted by their text).</summary>
    public IReadOnlyList<FieldRequirement> Requirements => _requirements;

    /// <summary>True when there are no terms.</summary>
    public bool IsEmpty => _requirements.Length == 0;

    /// <summary>Parses a field selector. Empty input gives <see cref="Empty"/>; empty terms (<c>a=b,,c=d</c>) are skipped.</summary>
    /// <exception cref="SelectorParseException">A term has no operator, or a value has a bad escape or an unescaped <c>,</c>/<c>=</c>.</exception>
    public static FieldSelector Parse(string? selector)
    {
        if (string.IsNullOrEmpty(selector))
        {
            return Empty;
        }

        List<string> terms = SplitTerms(selector);
        terms.Sort(StringComparer.Ordinal);
        var requirements = new List<FieldRequirement>();
        foreach (string term in terms)
        {
            if (term.Length == 0)
            {
                continue;
            }

            if (!TrySplitTerm(term, out string field, out string op, out string rawValue))
            {
                throw new SelectorParseException($"invalid selector: '{selector}'; can't understand '{term}'");
            }

            requirements.Add(new FieldRequirement(
                field,
                op == "!=" ? FieldSelectorOperator.NotEquals : FieldSelectorOperator.Equals,
                UnescapeValue(rawValue)));
        }

        return new FieldSelector(requirements.ToArray());
    }

    /// <summary>Builds a selector from terms.</summary>
    public static FieldSelector Create(IEnumerable<FieldRequirement> requirements) => new(requirements.ToArray());

    /// <summary>Whether every term holds; <paramref name="fieldValue"/> returns <c>null</c> for a missing field (treated as "").</summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        ArgumentNullException.ThrowIfNull(fieldValue);
        foreach (FieldRequirement requirement in _requirements)
        {
            if (!requirement.Matches(fieldValue(requirement.Field)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the selector requires <paramref name="field"/> to equal one value (like Kubernetes
    /// <c>RequiresExactMatch</c>), so a caller can use an index, e.g. on <c>metadata.name</c> or <c>spec.nodeName</c>.
    /// </summary>
    public bool TryGetExactMatch(string field, out string value)
    {
        foreach (FieldRequirement requirement in _requirements)
        {
            if (requirement.Field == field && requirement.Operator == FieldSelectorOperator.Equals)
            {
                value = requirement.Value;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>The fields this selector refers to, for checking each one is supported by a resource.</summary>
    public IEnumerable<string> Fields => _requirements.Select(r => r.Field).Distinct(StringComparer.Ordinal);

    /// <summary>The canonical string form (comma-joined, values escaped).</summary>
    public override string ToString() => string.Join(',', _requirements.Select(r => r.ToString()));

    /// <summary>Escapes <c>\</c>, <c>,</c> and <c>=</c> with a backslash (Kubernetes <c>fields.EscapeValue</c>).</summary>
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("=", "\\=", StringComparison.Ordinal);
    }

    /// <summary>Reverses <see cref="EscapeValue"/> (Kubernetes <c>fields.UnescapeValue</c>).</summary>
    /// <exception cref="SelectorParseException">An unknown escape, a trailing backslash, or an unescaped <c>,</c>/<c>=</c>.</exception>
    public static string UnescapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.IndexOfAny(['\\', ',', '=']) < 0)
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        bool escaped = false;
        foreach (char c in value)
        {
            if (escaped)
            {
                if (c is not ('\\' or ',' or '='))
                {
                    throw new SelectorParseException($"invalid field selector: invalid escape sequence: \\{c}");
                }

                result.Append(c);
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c is ',' or '=')
            {
                throw new SelectorParseException($"invalid field selector: unescaped character in value: {c}");
            }
            else
            {
                result.Append(c);
            }
        }

        return escaped
            ? throw new SelectorParseException("invalid field selector: invalid escape sequence: \\")
            : result.ToString();
    }

    // Splits on commas not escaped by a backslash; the backslashes stay in the terms.
    private static List<string> SplitTerms(string selector)
    {
        var terms = new List<string>();
        int start = 0;
        bool escaped = false;
        for (int i = 0; i < selector.Length; i++)
        {
            char c = selector[i];
            if (escaped)
            {
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c == ',')
            {
                terms.Add(selector[start..i]);
                start = i + 1;
            }
        }

        terms.Add(selector[start..]);
        return terms;
    }

    // The field has no escaping, so the first operator occurrence splits the term.
    private static bool TrySplitTerm(string term, out string field, out string op, out string value)
    {
        for (int i = 0; i < term.Length; i++)
        {
            foreach (string candidate in Operators)
            {
                if (string.CompareOrdinal(term, i, candidate, 0, candidate.Length) == 0)
                {
                    field = term[..i];
                    op = candidate;
                    value = term[(i + candidate.Length)..];
                    return true;
                }
            }
        }

        field = op = value = string.Empty;
        return false;
    }
}
