using System.Buffers;
using System.Net.Sockets;
using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Descriptors;

/// <summary>
/// A TCP connection accepted by the guest; the WASI context owns and closes it. Blocking receives first wait
/// (interruptibly) for readability with a zero-byte receive, then read what is there.
/// </summary>
internal sealed class ConnectionDescriptor : StreamDescriptor
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();

    public ConnectionDescriptor(Socket socket, FdFlags flags) : base(RightSets.Connection, flags) => _socket = socket;

    /// <inheritdoc />
    public override FileType FileType => FileType.SocketStream;

    /// <inheritdoc />
    public override Errno Read(Span<byte> buffer, CancellationToken interrupt, out int read) =>
        Receive(buffer, peek: false, waitAll: false, interrupt, out read);

    /// <inheritdoc />
    public override Errno Write(ReadOnlySpan<byte> data, CancellationToken interrupt, out int written)
    {
        written = 0;
        if (data.IsEmpty) return Errno.Success;
        if (NonBlocking && !_socket.Poll(0, SelectMode.SelectWrite)) return Errno.Again;
        var rented = ArrayPool<byte>.Shared.Rent(data.Length);
        try
        {
            data.CopyTo(rented);
            var send = _socket.SendAsync(rented.AsMemory(0, data.Length), SocketFlags.None, _stop.Token).AsTask();
            Interruption.Wait(send, interrupt);
            if (!send.IsCompletedSuccessfully) return SocketErrors.FromException(send.Exception);
            written = send.Result;
            return Errno.Success;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>sock_recv: peek leaves the data queued; waitAll keeps reading until the buffer is full or the peer closes.</summary>
    public Errno Receive(Span<byte> buffer, bool peek, bool waitAll, CancellationToken interrupt, out int read)
    {
        read = 0;
        if (buffer.IsEmpty) return Errno.Success;
        var flags = peek ? SocketFlags.Peek : SocketFlags.None;
        while (true)
        {
            if (NonBlocking)
            {
                if (!_socket.Poll(0, SelectMode.SelectRead)) return read > 0 ? Errno.Success : Errno.Again;
            }
            else
            {
                var ready = WhenReady(forWrite: false, _stop.Token);
                Interruption.Wait(ready, interrupt);
            }

            var count = _socket.Receive(buffer[read..], flags, out var error);
            if (error != SocketError.Success) return read > 0 ? Errno.Success : SocketErrors.ToErrno(error);
            read += count;
            if (!waitAll || peek || count == 0 || read == buffer.Length) return Errno.Success;
        }
    }

    /// <summary>sock_shutdown.</summary>
    public Errno Shutdown(SocketShutdown how)
    {
        try
        {
            _socket.Shutdown(how);
            return Errno.Success;
        }
        catch (SocketException ex)
        {
            return SocketErrors.ToErrno(ex.SocketErrorCode);
        }
    }

    /// <inheritdoc />
    public override Task WhenReady(bool forWrite, CancellationToken cancel)
    {
        if (forWrite) return Task.CompletedTask;
        try
        {
            // A zero-byte receive completes when data (or the peer's FIN) arrives, without consuming anything.
            return _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancel).AsTask();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return Task.FromException(ex);
        }
    }

    /// <inheritdoc />
    public override ulong ReadyBytes(bool forWrite) => forWrite ? 0 : (ulong)Math.Max(0, _socket.Available);

    /// <inheritdoc />
    protected override void Release()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }
}
