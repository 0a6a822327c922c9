namespace Ursa.ApiMachinery.Selectors;

/// <summary>The operator of one field requirement.</summary>
public enum FieldSelectorOperator
{
    /// <summary><c>field=value</c> or <c>field==value</c>.</summary>
    Equals,

    /// <summary><c>field!=value</c>.</summary>
    NotEquals,
}
