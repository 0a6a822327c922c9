using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Ursa.Qmp.Internal;

/// <summary>
/// sendmsg(2) with one SCM_RIGHTS file descriptor: .NET's Socket cannot attach ancillary data, and QMP's
/// <c>getfd</c> takes the descriptor from the message that carries the command. Layouts are Linux LP64
/// (x86_64 and aarch64 agree): msghdr 56 bytes, cmsghdr 16 bytes, CMSG_SPACE(int) = 24.
/// </summary>
internal static unsafe partial class UnixSocketNative
{
    public const int Eintr = 4;
    public const int Eagain = 11;

    private const int SolSocket = 1;
    private const int ScmRights = 1;
    private const int MsgNoSignal = 0x4000;

    /// <summary>Sends <paramref name="data"/> with <paramref name="fd"/> attached; returns the bytes sent, or -1 with <paramref name="errno"/> set.</summary>
    public static long SendWithDescriptor(SafeSocketHandle socket, ReadOnlySpan<byte> data, int fd, out int errno)
    {
        const int controlSize = 24;
        var control = stackalloc byte[controlSize];
        new Span<byte>(control, controlSize).Clear();
        var header = (ControlMessageHeader*)control;
        header->Length = (nuint)(sizeof(ControlMessageHeader) + sizeof(int));
        header->Level = SolSocket;
        header->Type = ScmRights;
        *(int*)(control + sizeof(ControlMessageHeader)) = fd;

        fixed (byte* bytes = data)
        {
            var vector = new IoVector { Base = bytes, Length = (nuint)data.Length };
            var message = new MessageHeader { Iov = &vector, IovLength = 1, Control = control, ControlLength = controlSize };
            var sent = SendMessage(socket, &message, MsgNoSignal);
            errno = sent < 0 ? Marshal.GetLastPInvokeError() : 0;
            return sent;
        }
    }

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    private static partial nint SendMessage(SafeSocketHandle socket, MessageHeader* message, int flags);

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
