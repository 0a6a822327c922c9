namespace Ursa.Api.Schema;

/// <summary>The key that identifies elements of a list field in a strategic merge patch (e.g. <c>name</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatchMergeKeyAttribute(string key) : Attribute
{
    /// <summary>The merge key.</summary>
    public string Key { get; } = key;
}
