using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Modules;

/// <summary>A module in the cache, pinned for the requester.</summary>
/// <param name="BlobDigest">The digest of the module bytes (read them with <see cref="ModuleCache.ReadAsync"/>).</param>
/// <param name="ImageDigest">The digest the image reference resolved to (Kubernetes' imageID).</param>
/// <param name="Source">Whether the network was used.</param>
internal sealed record CachedModule(ContentDigest BlobDigest, ContentDigest ImageDigest, ModuleSource Source);
