using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Descriptors;

/// <summary>
/// The guest's stdout or stderr over a host stream. Every fd_write goes straight to the stream and is flushed,
/// so the WASI layer itself buffers nothing; memory use is whatever the host stream keeps (an BoundedLogStream keeps
/// a fixed amount).
/// </summary>
internal sealed class OutputDescriptor : StreamDescriptor
{
    // EPIPE on Linux and the BSDs.
    private const int BrokenPipe = 32;

    private readonly Stream _stream;

    private readonly FileType _type;

    public OutputDescriptor(Stream stream, FileType type) : base(RightSets.StandardOutput, FdFlags.None)
    {
        _stream = stream;
        _type = type;
    }

    /// <inheritdoc />
    public override FileType FileType => _type;

    /// <inheritdoc />
    public override Errno Write(ReadOnlySpan<byte> data, CancellationToken interrupt, out int written)
    {
        written = 0;
        try
        {
            _stream.Write(data);
            _stream.Flush();
        }
        catch (IOException ex) when (ex.HResult == BrokenPipe)
        {
            // The reader of a pipe went away (.NET ignores SIGPIPE and surfaces EPIPE as the HResult on Unix).
            return Errno.Pipe;
        }
        catch (Exception ex) when (ex is IOException)
        {
            return Errno.Io;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or NotSupportedException)
        {
            // The host closed its end: the same as writing to a pipe nobody reads.
            return Errno.Pipe;
        }

        written = data.Length;
        return Errno.Success;
    }
}
