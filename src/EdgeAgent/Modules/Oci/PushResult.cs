using EdgeWasm.Protocol.Images;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>What a push wrote.</summary>
/// <param name="Reference">Where it was pushed.</param>
/// <param name="ManifestDigest">The manifest's digest: pull <c>repo@digest</c> to get exactly this module.</param>
/// <param name="LayerDigest">The module blob's digest.</param>
/// <param name="Size">The module's size in bytes.</param>
internal sealed record PushResult(ImageReference Reference, ContentDigest ManifestDigest, ContentDigest LayerDigest, long Size);
