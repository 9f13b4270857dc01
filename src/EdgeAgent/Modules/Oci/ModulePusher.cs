using EdgeWasm.Protocol.Images;
using System.Text.Json;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>
/// Pushes a wasm module as an OCI artifact: a config blob (<c>application/vnd.wasm.config.v1+json</c>), the module as
/// the only layer (<c>application/vnd.wasm.content.layer.v1+wasm</c>), and an OCI image manifest naming both under the tag.
/// </summary>
internal sealed class ModulePusher
{
    private readonly RegistryClient _registry;
    private readonly TimeProvider _time;

    /// <summary>Creates it over a registry client.</summary>
    public ModulePusher(RegistryClient registry, TimeProvider time)
    {
        _registry = registry;
        _time = time;
    }

    /// <summary>
    /// Pushes <paramref name="module"/> to <paramref name="target"/> (its tag; <c>latest</c> when it has none).
    /// <paramref name="created"/> goes into the config (now when null); pass the module file's time to make pushing
    /// the same file twice give the same manifest digest.
    /// </summary>
    /// <exception cref="ArgumentException">The bytes are not a wasm module.</exception>
    /// <exception cref="ImageException">The registry refused or could not be reached.</exception>
    public async Task<PushResult> PushAsync(ReadOnlyMemory<byte> module, ImageReference target, RegistryCredential? credential, DateTimeOffset? created, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!module.Span.StartsWith("\0asm"u8)) throw new ArgumentException("the file is not a wasm module (it does not start with \\0asm)", nameof(module));
        if (target.Digest is not null && target.Tag is null) throw new ArgumentException($"push to a tag, not to a digest ({target})", nameof(target));
        var tag = target.EffectiveTag;

        var layerDigest = ContentDigest.Compute(module.Span);
        var config = JsonSerializer.SerializeToUtf8Bytes(
            new WasmConfig { Created = created ?? _time.GetUtcNow(), LayerDigests = [layerDigest.Value] },
            OciJsonContext.Writer.WasmConfig);
        var configDigest = await _registry.PushBlobAsync(target, config, credential, cancellationToken).ConfigureAwait(false);
        await _registry.PushBlobAsync(target, module, credential, cancellationToken).ConfigureAwait(false);

        var manifest = new OciManifest
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciManifest,
            Config = new OciDescriptor { MediaType = MediaTypes.WasmConfig, Digest = configDigest, Size = config.Length },
            Layers = [new OciDescriptor { MediaType = MediaTypes.WasmContentLayer, Digest = layerDigest, Size = module.Length }],
        };
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, OciJsonContext.Writer.OciManifest);
        var manifestDigest = await _registry.PushManifestAsync(target, tag, MediaTypes.OciManifest, manifestBytes, credential, cancellationToken).ConfigureAwait(false);
        return new PushResult(target, manifestDigest, layerDigest, module.Length);
    }
}
