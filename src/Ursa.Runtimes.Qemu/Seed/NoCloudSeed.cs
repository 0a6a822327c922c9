namespace Ursa.Runtimes.Qemu.Seed;

/// <summary>What a VM's NoCloud seed says: who the instance is, what to run, which keys to trust, its network.</summary>
/// <param name="InstanceId">cloud-init runs per-instance modules again when this changes; the pod's uid.</param>
/// <param name="Hostname">The guest's hostname (an RFC 1123 name).</param>
/// <param name="UserData">The pod's <c>userData</c>, already base64-decoded: a <c>#cloud-config</c>, a <c>#!</c>
/// script or anything cloud-init reads; null or empty for none.</param>
/// <param name="UserDataScript">The pod's <c>cloudInitUserDataScript</c>; a script without <c>#!</c> runs under <c>/bin/sh</c>.</param>
/// <param name="SshPublicKeys">Public keys (<c>publicKey</c> / <c>keyPairName</c>) for the default user.</param>
/// <param name="Network">The pod network interface, or null (the guest uses DHCP).</param>
public sealed record NoCloudSeed(string InstanceId, string Hostname, byte[]? UserData = null, string? UserDataScript = null,
    IReadOnlyList<string>? SshPublicKeys = null, SeedNetwork? Network = null);
