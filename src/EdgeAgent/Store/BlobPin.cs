using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>A holder (a workload id) that keeps a blob from being evicted.</summary>
internal sealed record BlobPin(string Holder, ContentDigest Digest, DateTimeOffset PinnedAt);
