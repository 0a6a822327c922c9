namespace Ursa.ApiMachinery.Selectors;

/// <summary>
/// One entry of a structured selector's <c>matchExpressions</c>, as plain data:
/// <c>{key, operator: In|NotIn|Exists|DoesNotExist, values}</c>.
/// </summary>
/// <param name="Key">The label key.</param>
/// <param name="Operator">The operator exactly as written in the object: <c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c>.</param>
/// <param name="Values">The values; must be non-empty for In/NotIn and empty for Exists/DoesNotExist.</param>
public sealed record LabelSelectorExpression(string Key, string Operator, IReadOnlyList<string>? Values = null);
