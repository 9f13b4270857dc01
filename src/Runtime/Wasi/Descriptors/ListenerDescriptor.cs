using System.Net.Sockets;
using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Descriptors;

/// <summary>
/// A listening TCP socket the host handed in (like <c>wasmtime run --tcplisten</c>). The host keeps ownership of
/// the socket; the guest may only accept from it. One accept is kept outstanding so poll_oneoff can wait for it.
/// </summary>
internal sealed class ListenerDescriptor : StreamDescriptor
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private Task<Socket>? _pending;

    public ListenerDescriptor(Socket listener) : base(RightSets.Listener, FdFlags.None) => _listener = listener;

    /// <inheritdoc />
    public override FileType FileType => FileType.SocketStream;

    /// <summary>sock_accept: the next connection, waiting for one unless the listener is non-blocking.</summary>
    public Errno Accept(CancellationToken interrupt, out Socket? connection)
    {
        connection = null;
        var pending = Pending();
        if (!pending.IsCompleted)
        {
            if (NonBlocking) return Errno.Again;
            Interruption.Wait(pending, interrupt);
        }

        _pending = null;
        if (!pending.IsCompletedSuccessfully) return SocketErrors.FromException(pending.Exception);
        connection = pending.Result;
        return Errno.Success;
    }

    /// <inheritdoc />
    public override Task WhenReady(bool forWrite, CancellationToken cancel) => forWrite ? Task.CompletedTask : Pending();

    /// <inheritdoc />
    protected override void Release()
    {
        _stop.Cancel();
        if (_pending is { } pending)
        {
            // A connection accepted for a guest that is gone is closed, not leaked.
            pending.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        _stop.Dispose();
    }

    private Task<Socket> Pending()
    {
        if (_pending is null)
        {
            try
            {
                _pending = _listener.AcceptAsync(_stop.Token).AsTask();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                _pending = Task.FromException<Socket>(ex);
            }
        }

        return _pending;
    }
}
