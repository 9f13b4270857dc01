using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Images;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>
/// Resolves a tag to a digest at admission (a HEAD of the manifest in the registry), so the device runs exactly
/// what was admitted. Results go into <see cref="PodTranslationInputs.ResolvedDigests"/>.
/// </summary>
internal interface IImageDigestResolver
{
    /// <summary>The digest the reference points to now, or null when it cannot be resolved (the device then resolves it).</summary>
    ValueTask<ContentDigest?> ResolveAsync(ImageReference image, IReadOnlyList<RegistryCredential> credentials, CancellationToken cancellationToken);
}
