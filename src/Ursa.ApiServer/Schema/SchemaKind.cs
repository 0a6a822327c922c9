namespace Ursa.ApiServer.Schema;

/// <summary>JSON shapes a schema node can have.</summary>
public enum SchemaKind
{
    Object,
    Map,
    Array,
    String,
    Integer,
    Boolean,
    IntOrString,

    /// <summary>Free-form JSON (e.g. managedFields' fieldsV1).</summary>
    Any,
}
