using System.Net.Sockets;
using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Descriptors;

/// <summary>Maps .NET socket errors to WASI errno.</summary>
internal static class SocketErrors
{
    public static Errno ToErrno(SocketError error) => error switch
    {
        SocketError.Success => Errno.Success,
        SocketError.WouldBlock or SocketError.TryAgain => Errno.Again,
        SocketError.ConnectionReset => Errno.ConnReset,
        SocketError.ConnectionAborted => Errno.ConnAborted,
        SocketError.ConnectionRefused => Errno.ConnRefused,
        SocketError.NotConnected => Errno.NotConn,
        SocketError.Shutdown => Errno.Pipe,
        SocketError.TimedOut => Errno.TimedOut,
        SocketError.MessageSize => Errno.MsgSize,
        SocketError.NoBufferSpaceAvailable => Errno.NoBufs,
        SocketError.NetworkDown => Errno.NetDown,
        SocketError.NetworkUnreachable => Errno.NetUnreach,
        SocketError.NetworkReset => Errno.NetReset,
        SocketError.HostUnreachable => Errno.HostUnreach,
        SocketError.Interrupted => Errno.Intr,
        SocketError.InvalidArgument => Errno.Inval,
        SocketError.OperationAborted => Errno.Canceled,
        SocketError.NotSocket => Errno.NotSock,
        SocketError.TooManyOpenSockets => Errno.Mfile,
        _ => Errno.Io,
    };

    /// <summary>The errno for an exception from a socket call.</summary>
    public static Errno FromException(Exception? exception) => exception switch
    {
        SocketException socket => ToErrno(socket.SocketErrorCode),
        ObjectDisposedException => Errno.Badf,
        AggregateException { InnerException: { } inner } => FromException(inner),
        _ => Errno.Io,
    };
}
