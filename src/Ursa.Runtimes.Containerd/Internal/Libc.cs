using System.Runtime.InteropServices;

namespace Ursa.Runtimes.Containerd.Internal;

/// <summary>kill(2): .NET's Process.Kill only sends SIGKILL, and a daemon deserves SIGTERM first.</summary>
internal static partial class Libc
{
    public const int SigTerm = 15;
    public const int SigKill = 9;
    public const int SigCont = 18;
    public const int SigStop = 19;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
