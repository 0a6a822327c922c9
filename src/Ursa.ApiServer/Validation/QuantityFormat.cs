using System.Text.RegularExpressions;

namespace Ursa.ApiServer.Validation;

/// <summary>The syntax of a Kubernetes resource quantity (<c>500m</c>, <c>1.5</c>, <c>256Mi</c>, <c>1e3</c>).</summary>
public static partial class QuantityFormat
{
    [GeneratedRegex("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$")]
    private static partial Regex QuantityRegex();

    public static bool IsValid(string value) => value.Length <= 64 && QuantityRegex().IsMatch(value);

    /// <summary>Validates every entry of a resource list (requests, limits, capacity).</summary>
    public static void ValidateResourceList(IReadOnlyDictionary<string, string>? resources, string field, FieldErrorList errors)
    {
        if (resources is null)
        {
            return;
        }

        foreach (var (name, value) in resources)
        {
            if (NameRules.CheckQualifiedName(name) is { } nameError)
            {
                errors.Invalid($"{field}[{name}]", name, nameError);
            }

            if (!IsValid(value))
            {
                errors.Invalid($"{field}[{name}]", value, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
            }
            else if (value.StartsWith('-'))
            {
                errors.Invalid($"{field}[{name}]", value, "must be greater than or equal to 0");
            }
        }
    }
}
