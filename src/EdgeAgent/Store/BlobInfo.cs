using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>A cached module blob's bookkeeping (not its content).</summary>
internal sealed record BlobInfo(ContentDigest Digest, long Size, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, bool Pinned);
