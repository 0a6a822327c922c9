using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Ursa.UnitTests.Qmp;

/// <summary>recvmsg(2) taking one SCM_RIGHTS descriptor: the fake QMP server's side of <c>getfd</c> (Linux LP64 layouts).</summary>
internal static unsafe partial class ScmRightsReceiver
{
    private const int SolSocket = 1;
    private const int ScmRights = 1;

    /// <summary>Receives up to 4 KiB and the descriptor that came with it (-1 when none did).</summary>
    public static (byte[] Data, int Fd) Receive(SafeSocketHandle socket)
    {
        const int controlSize = 64;
        var data = new byte[4096];
        var control = stackalloc byte[controlSize];
        new Span<byte>(control, controlSize).Clear();
        fixed (byte* bytes = data)
        {
            var vector = new IoVector { Base = bytes, Length = (nuint)data.Length };
            var message = new MessageHeader { Iov = &vector, IovLength = 1, Control = control, ControlLength = controlSize };
            var received = ReceiveMessage(socket, &message, 0);
            if (received < 0)
            {
                throw new IOException($"recvmsg failed: errno {Marshal.GetLastPInvokeError()}");
            }

            var fd = -1;
            var header = (ControlMessageHeader*)control;
            if (message.ControlLength >= (nuint)sizeof(ControlMessageHeader) && header->Level == SolSocket && header->Type == ScmRights)
            {
                fd = *(int*)(control + sizeof(ControlMessageHeader));
            }

            return (data.AsSpan(0, (int)received).ToArray(), fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static partial nint ReceiveMessage(SafeSocketHandle socket, MessageHeader* message, int flags);

    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVector* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ControlMessageHeader
    {
        public nuint Length;
        public int Level;
        public int Type;
    }
}
