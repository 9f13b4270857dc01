namespace EdgeWasm.Runtime.Wasi;

/// <summary>
/// A bounded capture of a guest's output stream, for logs: it keeps the last <see cref="Capacity"/> bytes and
/// drops older ones, so a guest that floods stdout costs a fixed amount of host memory and never blocks.
/// Positions count every byte ever written, so a reader that follows along (e.g. <c>kubectl logs -f</c>) knows
/// exactly how much it missed. Writes come from the guest thread; reads may come from any thread.
/// </summary>
public sealed class BoundedLogStream : Stream
{
    private readonly byte[] _buffer;
    private readonly Lock _gate = new();
    private long _written;
    private bool _completed;
    private TaskCompletionSource? _waiter;

    /// <summary>Creates a ring that keeps the last <paramref name="capacity"/> bytes.</summary>
    public BoundedLogStream(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _buffer = new byte[capacity];
    }

    /// <summary>How many of the most recent bytes are kept.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Every byte ever written; also the position just past the newest byte.</summary>
    public long TotalWritten
    {
        get
        {
            lock (_gate) return _written;
        }
    }

    /// <summary>The position of the oldest byte still kept.</summary>
    public long OldestRetained
    {
        get
        {
            lock (_gate) return Math.Max(0, _written - _buffer.Length);
        }
    }

    /// <summary>Bytes that were overwritten before anyone could read them through <see cref="ToArray"/>.</summary>
    public long Dropped => OldestRetained;

    /// <summary>True once <see cref="Complete"/> was called: no more output will come.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate) return _completed;
        }
    }

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            var keep = buffer.Length > _buffer.Length ? buffer[^_buffer.Length..] : buffer;
            var at = (int)((_written + (buffer.Length - keep.Length)) % _buffer.Length);
            var first = Math.Min(keep.Length, _buffer.Length - at);
            keep[..first].CopyTo(_buffer.AsSpan(at));
            keep[first..].CopyTo(_buffer);
            _written += buffer.Length;
            wake = _waiter;
            _waiter = null;
        }

        wake?.TrySetResult();
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <summary>
    /// Copies bytes from <paramref name="position"/> on into <paramref name="destination"/>. A position that was
    /// already overwritten skips ahead to <see cref="OldestRetained"/>; <paramref name="next"/> is where to
    /// continue, so <c>next - position - copied</c> bytes were missed.
    /// </summary>
    public int ReadAt(long position, Span<byte> destination, out long next)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        lock (_gate)
        {
            var from = Math.Max(position, Math.Max(0, _written - _buffer.Length));
            var count = (int)Math.Min(destination.Length, Math.Max(0, _written - from));
            var at = (int)(from % _buffer.Length);
            var first = Math.Min(count, _buffer.Length - at);
            _buffer.AsSpan(at, first).CopyTo(destination);
            _buffer.AsSpan(0, count - first).CopyTo(destination[first..]);
            next = from + count;
            return count;
        }
    }

    /// <summary>The bytes currently kept, oldest first.</summary>
    public byte[] ToArray()
    {
        lock (_gate)
        {
            var result = new byte[(int)Math.Min(_written, _buffer.Length)];
            ReadAt(_written - result.Length, result, out _);
            return result;
        }
    }

    /// <summary>Completes when there are bytes past <paramref name="position"/>, or output is complete.</summary>
    public Task WaitForDataAsync(long position, CancellationToken cancellationToken)
    {
        Task wait;
        lock (_gate)
        {
            if (_written > position || _completed) return Task.CompletedTask;
            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _waiter.Task;
        }

        return wait.WaitAsync(cancellationToken);
    }

    /// <summary>Marks the output as finished (the guest exited); waiting readers wake up, later writes fail.</summary>
    public void Complete()
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            _completed = true;
            wake = _waiter;
            _waiter = null;
        }

        wake?.TrySetResult();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
}
