using Microsoft.Extensions.Logging;

namespace Ursa.NodeAgent.Pods;

public sealed partial class PodSyncer
{
    private static partial class Log
    {
        [LoggerMessage(430, LogLevel.Debug, "Pod {Namespace}/{Name}: sandbox {SandboxId} created in {Milliseconds:0} ms")]
        public static partial void SandboxCreated(ILogger logger, string @namespace, string name, string sandboxId, double milliseconds);

        [LoggerMessage(431, LogLevel.Information, "Pod {Namespace}/{Name} terminated in {Milliseconds:0} ms")]
        public static partial void PodTerminated(ILogger logger, string @namespace, string name, double milliseconds);

        [LoggerMessage(433, LogLevel.Information, "Pod {Namespace}/{Name} released this node powered off; its VM is parked here ({Containers} kept with its sandbox)")]
        public static partial void Parked(ILogger logger, string @namespace, string name, int containers);
    }
}
