using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Streams;

namespace EdgeWasm.Runtime.Wasi.Descriptors;

/// <summary>The guest's stdin.</summary>
internal sealed class InputDescriptor : StreamDescriptor
{
    private readonly StandardInput _input;

    private readonly FileType _type;

    public InputDescriptor(StandardInput input, FileType type) : base(RightSets.StandardInput, FdFlags.None)
    {
        _input = input;
        _type = type;
    }

    /// <inheritdoc />
    public override FileType FileType => _type;

    /// <inheritdoc />
    public override Errno Read(Span<byte> buffer, CancellationToken interrupt, out int read) =>
        _input.Read(buffer, NonBlocking, interrupt, out read);

    /// <inheritdoc />
    public override Task WhenReady(bool forWrite, CancellationToken cancel) =>
        forWrite ? Task.CompletedTask : _input.WhenReadable();

    /// <inheritdoc />
    public override ulong ReadyBytes(bool forWrite) => forWrite ? 0 : (ulong)_input.Buffered;
}
