namespace Ursa.ApiMachinery.Selectors;

/// <summary>The operator of one label requirement, as in Kubernetes <c>selection.Operator</c>.</summary>
public enum LabelSelectorOperator
{
    /// <summary><c>key=value</c>; the label must exist and equal the value.</summary>
    Equals,

    /// <summary><c>key==value</c>; same as <see cref="Equals"/>.</summary>
    DoubleEquals,

    /// <summary><c>key!=value</c>; true when the label is missing or differs.</summary>
    NotEquals,

    /// <summary><c>key in (a,b)</c>; the label must exist with one of the values.</summary>
    In,

    /// <summary><c>key notin (a,b)</c>; true when the label is missing or has none of the values.</summary>
    NotIn,

    /// <summary><c>key</c>; the label must exist.</summary>
    Exists,

    /// <summary><c>!key</c>; the label must not exist.</summary>
    DoesNotExist,

    /// <summary><c>key&gt;5</c>; the label must exist and be an integer greater than the value.</summary>
    GreaterThan,

    /// <summary><c>key&lt;5</c>; the label must exist and be an integer less than the value.</summary>
    LessThan,
}
