using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>What an image reference resolved to the last time the registry was asked.</summary>
/// <param name="Reference">The reference as written, by tag (<c>host/repo:tag</c>) or by digest (<c>host/repo@sha256:…</c>).</param>
/// <param name="ManifestDigest">The manifest's digest (Kubernetes' imageID).</param>
/// <param name="BlobDigest">The digest of the wasm module bytes stored in the blob store.</param>
/// <param name="ResolvedAt">When it was resolved.</param>
internal sealed record ImageResolution(string Reference, ContentDigest ManifestDigest, ContentDigest BlobDigest, DateTimeOffset ResolvedAt);
