using System.Security.Cryptography;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>Small real disk images made with qemu-img, and their digests.</summary>
internal static class DiskFiles
{
    public const string QemuImg = "/usr/bin/qemu-img";

    /// <summary>A qcow2 of <paramref name="virtualSize"/> (e.g. 64M) with <paramref name="dataBytes"/> of random data
    /// written at offset 0, so it has content worth hashing and progress worth reporting.</summary>
    public static async Task<string> Qcow2Async(string directory, string name, string virtualSize = "64M", int dataBytes = 512 * 1024)
    {
        string raw = await RawAsync(directory, name + ".raw", dataBytes);
        string path = Path.Combine(directory, name);
        (await ProcessRunner.RunAsync(QemuImg, ["convert", "-f", "raw", "-O", "qcow2", raw, path])).EnsureSuccess("qemu-img convert");
        (await ProcessRunner.RunAsync(QemuImg, ["resize", "-f", "qcow2", path, virtualSize])).EnsureSuccess("qemu-img resize");
        File.Delete(raw);
        return path;
    }

    public static async Task<string> RawAsync(string directory, string name, int bytes)
    {
        string path = Path.Combine(directory, name);
        byte[] data = RandomNumberGenerator.GetBytes(bytes);
        await File.WriteAllBytesAsync(path, data);
        return path;
    }

    public static string Digest(string path) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public static async Task<string> InfoJsonAsync(string path) =>
        (await ProcessRunner.RunAsync(QemuImg, ["info", "--output=json", "--force-share", path])).EnsureSuccess("qemu-img info").Stdout;
}
