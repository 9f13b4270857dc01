using EdgeWasm.Protocol.Images;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>An image reference followed down to one image manifest.</summary>
/// <param name="Reference">What was resolved.</param>
/// <param name="Digest">The digest the reference points at (the index's when it is an index): Kubernetes' imageID.</param>
/// <param name="ManifestDigest">The digest of the image manifest chosen (equal to <paramref name="Digest"/> without an index).</param>
/// <param name="Manifest">The image manifest.</param>
/// <param name="Platform">The index entry's platform, when an index was followed.</param>
internal sealed record ResolvedImage(ImageReference Reference, ContentDigest Digest, ContentDigest ManifestDigest, OciManifest Manifest, OciPlatform? Platform);
