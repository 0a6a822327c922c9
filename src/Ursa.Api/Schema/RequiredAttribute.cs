namespace Ursa.Api.Schema;

/// <summary>Marks a field the schema lists as required (published in OpenAPI; checked by validators).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
