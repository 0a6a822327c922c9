namespace Ursa.Api.Schema;

/// <summary>How a strategic merge patch combines a field: <c>merge</c>, <c>replace</c> or <c>retainKeys</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatchStrategyAttribute(string strategy) : Attribute
{
    /// <summary>The strategy, possibly comma-separated (<c>merge,retainKeys</c>).</summary>
    public string Strategy { get; } = strategy;
}
