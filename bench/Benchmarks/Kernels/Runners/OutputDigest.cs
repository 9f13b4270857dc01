using System.Security.Cryptography;
using System.Text;

namespace EdgeWasm.Benchmarks.Kernels.Runners;

/// <summary>
/// A write-only stream that keeps a SHA-256 of everything written plus the first few hundred bytes, so a
/// run's whole stdout can be compared with the native run's without holding it (printf writes megabytes).
/// </summary>
internal sealed class OutputDigest : Stream
{
    private const int HeadLimit = 400;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly MemoryStream _head = new();
    private long _length;

    /// <summary>Bytes written so far.</summary>
    public override long Length => _length;

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 of everything written, in hex. Call once, after the last write.</summary>
    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    /// <summary>The start of the output as text, for error messages.</summary>
    public string Head => Encoding.UTF8.GetString(_head.GetBuffer(), 0, (int)_head.Length);

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        if (_head.Length < HeadLimit) _head.Write(buffer[..(int)Math.Min(buffer.Length, HeadLimit - _head.Length)]);
        _length += buffer.Length;
    }

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _head.Dispose();
        }

        base.Dispose(disposing);
    }
}
