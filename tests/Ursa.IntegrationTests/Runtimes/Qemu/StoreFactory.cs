using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Runtimes.Qemu;
using Ursa.Runtimes.Qemu.Images;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>A disk image store on a test directory with the real qemu-img.</summary>
internal static class StoreFactory
{
    public static DiskImageStore Create(string root, HttpClient http, Action<DiskImageStoreOptions>? configure = null)
    {
        var options = new DiskImageStoreOptions { Root = root, ProgressInterval = 64 * 1024 };
        configure?.Invoke(options);
        return new DiskImageStore(options, http, ProcessCommandRunner.Instance, TimeProvider.System, NullLogger<DiskImageStore>.Instance);
    }
}
