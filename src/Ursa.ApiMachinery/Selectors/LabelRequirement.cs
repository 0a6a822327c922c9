using System.Globalization;

namespace Ursa.ApiMachinery.Selectors;

/// <summary>
/// One requirement of a label selector, e.g. <c>tier in (web,api)</c>. Immutable; values are kept sorted
/// and de-duplicated so two equal requirements print the same.
/// </summary>
public sealed class LabelRequirement
{
    private readonly string[] _values;

    private LabelRequirement(string key, LabelSelectorOperator op, string[] values)
    {
        Key = key;
        Operator = op;
        _values = values;
    }

    /// <summary>The label key, e.g. <c>app.kubernetes.io/name</c>.</summary>
    public string Key { get; }

    public LabelSelectorOperator Operator { get; }

    /// <summary>The values, sorted ordinally; empty for Exists/DoesNotExist.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>
    /// Creates a requirement, validating key, values and arity the way Kubernetes <c>labels.NewRequirement</c> does.
    /// </summary>
    /// <exception cref="SelectorParseException">The key, a value or the number of values is invalid.</exception>
    public static LabelRequirement Create(string key, LabelSelectorOperator op, IEnumerable<string>? values)
    {
        ArgumentNullException.ThrowIfNull(key);
        string[] sorted = (values ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (LabelSyntax.ValidateKey(key) is { } keyError)
        {
            throw Invalid(key, keyError);
        }

        switch (op)
        {
            case LabelSelectorOperator.In or LabelSelectorOperator.NotIn when sorted.Length == 0:
                throw new SelectorParseException("unable to parse requirement: values: Invalid value: []: "
                    + "for 'in', 'notin' operators, values set can't be empty");
            case LabelSelectorOperator.Equals or LabelSelectorOperator.DoubleEquals or LabelSelectorOperator.NotEquals
                when sorted.Length != 1:
                throw new SelectorParseException("unable to parse requirement: values: Invalid value: "
                    + "exact-match compatibility requires one single value");
            case LabelSelectorOperator.Exists or LabelSelectorOperator.DoesNotExist when sorted.Length != 0:
                throw new SelectorParseException("unable to parse requirement: values: Invalid value: "
                    + "values set must be empty for exists and does not exist");
            case LabelSelectorOperator.GreaterThan or LabelSelectorOperator.LessThan:
                if (sorted.Length != 1)
                {
                    throw new SelectorParseException("unable to parse requirement: values: Invalid value: "
                        + "for 'Gt', 'Lt' operators, exactly one value is required");
                }

                if (!long.TryParse(sorted[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    throw Invalid(sorted[0], "for 'Gt', 'Lt' operators, the value must be an integer");
                }

                break;
        }

        foreach (string value in sorted)
        {
            if (LabelSyntax.ValidateValue(value) is { } valueError)
            {
                throw new SelectorParseException(
                    $"unable to parse requirement: values[0][{key}]: Invalid value: \"{value}\": {valueError}");
            }
        }

        return new LabelRequirement(key, op, sorted);
    }

    /// <summary>Whether the labels satisfy this requirement; <c>null</c> labels are treated as empty.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? actual = null;
        bool has = labels is not null && labels.TryGetValue(Key, out actual);
        switch (Operator)
        {
            case LabelSelectorOperator.Equals or LabelSelectorOperator.DoubleEquals or LabelSelectorOperator.In:
                return has && HasValue(actual!);
            case LabelSelectorOperator.NotEquals or LabelSelectorOperator.NotIn:
                return !has || !HasValue(actual!);
            case LabelSelectorOperator.Exists:
                return has;
            case LabelSelectorOperator.DoesNotExist:
                return !has;
            default:
                if (!has || !long.TryParse(actual, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
                {
                    return false;
                }

                long bound = long.Parse(_values[0], CultureInfo.InvariantCulture);
                return Operator == LabelSelectorOperator.GreaterThan ? n > bound : n < bound;
        }
    }

    /// <summary>The Kubernetes string form, e.g. <c>!a</c>, <c>a!=b</c>, <c>a notin (x,y)</c>.</summary>
    public override string ToString() => Operator switch
    {
        LabelSelectorOperator.Exists => Key,
        LabelSelectorOperator.DoesNotExist => "!" + Key,
        LabelSelectorOperator.Equals => Key + "=" + _values[0],
        LabelSelectorOperator.DoubleEquals => Key + "==" + _values[0],
        LabelSelectorOperator.NotEquals => Key + "!=" + _values[0],
        LabelSelectorOperator.In => Key + " in (" + string.Join(',', _values) + ")",
        LabelSelectorOperator.NotIn => Key + " notin (" + string.Join(',', _values) + ")",
        LabelSelectorOperator.GreaterThan => Key + ">" + _values[0],
        _ => Key + "<" + _values[0],
    };

    private bool HasValue(string value) => Array.BinarySearch(_values, value, StringComparer.Ordinal) >= 0;

    private static SelectorParseException Invalid(string value, string detail) =>
        new($"unable to parse requirement: Invalid value: \"{value}\": {detail}");
}
