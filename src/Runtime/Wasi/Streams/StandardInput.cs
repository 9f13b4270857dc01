using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Streams;

/// <summary>
/// The guest's stdin over a host stream. Reads from the host happen as one outstanding ReadAsync into a small
/// buffer, so poll_oneoff can wait for stdin alongside clocks and sockets and a blocked read can be interrupted.
/// </summary>
internal sealed class StandardInput
{
    private const int BufferSize = 16 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private Task<int>? _pending;

    public StandardInput(Stream stream) => _stream = stream;

    /// <summary>Bytes that can be read without waiting.</summary>
    public int Buffered
    {
        get
        {
            Absorb();
            return _end - _start;
        }
    }

    /// <summary>Completes when a read would not block (data buffered, end of stream, or an error to report).</summary>
    public Task WhenReadable()
    {
        Absorb();
        if (_start < _end || _endOfStream) return Task.CompletedTask;
        return Pending();
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes; 0 means end of stream.</summary>
    public Errno Read(Span<byte> destination, bool nonBlocking, CancellationToken interrupt, out int read)
    {
        read = 0;
        if (destination.IsEmpty) return Errno.Success;
        Absorb();
        if (_start == _end && !_endOfStream)
        {
            var pending = Pending();
            if (!pending.IsCompleted && nonBlocking) return Errno.Again;
            Interruption.Wait(pending, interrupt);
            if (pending.IsFaulted)
            {
                _pending = null;
                return Errno.Io;
            }

            Absorb();
        }

        read = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, read).CopyTo(destination);
        _start += read;
        return Errno.Success;
    }

    private Task<int> Pending()
    {
        if (_pending is null)
        {
            _start = 0;
            _end = 0;
            try
            {
                _pending = _stream.ReadAsync(_buffer.AsMemory(), CancellationToken.None).AsTask();
            }
            catch (Exception ex) when (ex is IOException or NotSupportedException or ObjectDisposedException)
            {
                _pending = Task.FromException<int>(ex);
            }
        }

        return _pending;
    }

    // Moves a finished host read into the buffer.
    private void Absorb()
    {
        if (_pending is not { IsCompletedSuccessfully: true } done) return;
        _pending = null;
        if (done.Result == 0) _endOfStream = true;
        _start = 0;
        _end = done.Result;
    }
}
