using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>What to do alongside storing a blob, in the same transaction.</summary>
internal sealed record BlobPutOptions
{
    /// <summary>Refuse the content unless it hashes to this digest.</summary>
    public ContentDigest? ExpectedDigest { get; init; }

    /// <summary>Pin the blob for this holder (replacing the holder's previous pin), so eviction cannot take it.</summary>
    public string? PinHolder { get; init; }

    /// <summary>Evict least-recently-used unpinned blobs until all blobs fit in this many bytes; refuse if they cannot.</summary>
    public long? BudgetBytes { get; init; }
}
