namespace Ursa.ApiMachinery.Protobuf;

/// <summary>The protobuf wire types (the low three bits of a field key). Groups (3, 4) are not used by Kubernetes.</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}
