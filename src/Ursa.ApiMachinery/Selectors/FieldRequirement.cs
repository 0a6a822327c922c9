namespace Ursa.ApiMachinery.Selectors;

/// <summary>One term of a field selector, e.g. <c>spec.nodeName=node-1</c>; <see cref="Value"/> is unescaped.</summary>
/// <param name="Field">The field path, e.g. <c>metadata.name</c>. Not validated here: the server decides which
/// fields a resource supports (and answers <c>field label not supported: X</c> otherwise).</param>
/// <param name="Operator">Equality or inequality.</param>
/// <param name="Value">The literal value, with backslash escapes removed.</param>
public sealed record FieldRequirement(string Field, FieldSelectorOperator Operator, string Value)
{
    /// <summary>Whether the field's value satisfies this term; a missing field counts as the empty string.</summary>
    public bool Matches(string? fieldValue) =>
        (Operator == FieldSelectorOperator.Equals) == string.Equals(fieldValue ?? string.Empty, Value, StringComparison.Ordinal);

    /// <summary>The Kubernetes string form, re-escaping <c>\</c>, <c>,</c> and <c>=</c> in the value.</summary>
    public override string ToString() =>
        Field + (Operator == FieldSelectorOperator.Equals ? "=" : "!=") + FieldSelector.EscapeValue(Value);
}
