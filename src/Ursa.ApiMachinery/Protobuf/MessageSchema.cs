using System.Collections;

namespace Ursa.ApiMachinery.Protobuf;

/// <summary>
/// The fields of one Kubernetes protobuf message, written as a table with collection initialisers:
/// <code>
/// new MessageSchema("ContainerPort")
/// {
///     { 1, "name", ProtoType.String },
///     { 3, "containerPort", ProtoType.Int32 },
/// };
/// </code>
/// Fields missing from the table are skipped when decoding, not rejected.
/// </summary>
internal sealed class MessageSchema : IEnumerable<ProtoField>
{
    private readonly Dictionary<int, ProtoField> _fields = [];

    public MessageSchema(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public void Add(int number, string jsonName, ProtoType type, FieldFlags flags = FieldFlags.None) =>
        _fields.Add(number, new ProtoField(number, jsonName, type, null, flags));

    /// <summary>Adds a field whose type is another message of the table.</summary>
    public void Add(int number, string jsonName, string messageName, FieldFlags flags = FieldFlags.None) =>
        _fields.Add(number, new ProtoField(number, jsonName, ProtoType.Message, messageName, flags));

    public ProtoField? Field(int number) => _fields.GetValueOrDefault(number);

    public IEnumerator<ProtoField> GetEnumerator() => _fields.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
