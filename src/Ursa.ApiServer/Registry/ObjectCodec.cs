using System.Text.Json;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Storage;

namespace Ursa.ApiServer.Registry;

/// <summary>Typed object ↔ stored bytes. Stored bytes never carry resourceVersion (see <see cref="ResourceVersionStamp"/>).</summary>
public static class ObjectCodec
{
    public static byte[] EncodeForStorage(ResourceDefinition resource, KubeObject obj)
    {
        obj.ApiVersion = resource.GroupVersion;
        obj.Kind = resource.Kind;
        var version = obj.Metadata.ResourceVersion;
        obj.Metadata.ResourceVersion = null;
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(obj, resource.TypeInfo);
        }
        finally
        {
            obj.Metadata.ResourceVersion = version;
        }
    }

    public static KubeObject Decode(ResourceDefinition resource, ReadOnlySpan<byte> json) =>
        (KubeObject)(JsonSerializer.Deserialize(json, resource.TypeInfo) ?? throw new JsonException("null object"));

    /// <summary>Decodes stored bytes and sets the resourceVersion from the store's revision.</summary>
    public static KubeObject DecodeStored(ResourceDefinition resource, ReadOnlySpan<byte> json, long revision)
    {
        var obj = Decode(resource, json);
        obj.Metadata.ResourceVersion = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return obj;
    }
}
