namespace Ursa.ApiMachinery.Protobuf;

/// <summary>One field of a <see cref="MessageSchema"/>: its wire number, its Kubernetes JSON name and its type.</summary>
internal sealed record ProtoField(int Number, string JsonName, ProtoType Type, string? MessageName, FieldFlags Flags)
{
    public bool IsRepeated => (Flags & FieldFlags.Repeated) != 0;

    public bool IsMap => (Flags & FieldFlags.Map) != 0;

    public bool IsPointer => (Flags & FieldFlags.Pointer) != 0;

    public bool IsInline => (Flags & FieldFlags.Inline) != 0;
}
