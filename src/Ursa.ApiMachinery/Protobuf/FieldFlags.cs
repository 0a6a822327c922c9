namespace Ursa.ApiMachinery.Protobuf;

/// <summary>How a schema field is laid out on the wire and in JSON.</summary>
[Flags]
internal enum FieldFlags
{
    None = 0,

    /// <summary><c>repeated</c>: a JSON array; scalars may arrive packed or not.</summary>
    Repeated = 1,

    /// <summary><c>map&lt;string, T&gt;</c>: repeated entry messages {key = 1; value = 2}, a JSON object.</summary>
    Map = 2,

    /// <summary>
    /// A Go pointer (<c>*int32</c>, <c>*bool</c>, <c>*string</c>): gogo writes it only when set, so a zero value on
    /// the wire is meaningful (<c>replicas: 0</c>) and is kept. Other scalars are always written by gogo, so their
    /// zero values (<c>""</c>, <c>0</c>, <c>false</c>) mean "unset" and are left out of the JSON.
    /// </summary>
    Pointer = 4,

    /// <summary>A Go embedded struct (<c>json:",inline"</c>): its fields are merged into the parent object.</summary>
    Inline = 8,
}
