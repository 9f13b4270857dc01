using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>The outcome of storing a blob.</summary>
/// <param name="Digest">The content's sha256 digest.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="AlreadyStored">True when the blob was there already (only its last-used time moved).</param>
/// <param name="Evicted">Blobs evicted to make room.</param>
internal sealed record BlobPutResult(ContentDigest Digest, long Size, bool AlreadyStored, IReadOnlyList<ContentDigest> Evicted);
