using System.Text.Json.Serialization;

namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>Source-generated JSON for the runtime's state files.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(VmRecord))]
[JsonSerializable(typeof(Sandboxes.SandboxRecord))]
internal sealed partial class VmRecordJsonContext : JsonSerializerContext;
