using EdgeWasm.Protocol.Images;
using EdgeWasm.EdgeAgent.Modules.Oci;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Modules;

/// <summary>
/// Modules by digest, fetched from OCI registries when the pull policy says so and kept in the store:
/// <list type="bullet">
/// <item>IfNotPresent: a reference resolved before, whose blob is still cached, uses no network at all.</item>
/// <item>Always: the registry is asked what the reference names; the blob is downloaded only when not cached. If the
/// registry is unreachable, the copy cached for that reference runs (an offline device keeps working).</item>
/// <item>Never: the cache only.</item>
/// </list>
/// The module is pinned for the requester in the same transaction that stores it, and the cache stays within its
/// budget by evicting least-recently-used unpinned blobs.
/// </summary>
internal sealed class ModuleCache
{
    private readonly AgentStore _store;
    private readonly RegistryClient _registry;
    private readonly ModuleCacheOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates it over the agent's store and a registry client.</summary>
    public ModuleCache(AgentStore store, RegistryClient registry, ModuleCacheOptions options, ILogger<ModuleCache> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _registry = registry;
        _options = options;
        _logger = logger;
    }

    /// <summary>Makes sure the module <paramref name="request"/> names is cached and pinned for its holder.</summary>
    /// <exception cref="ImageException">A subtype says why it could not be had.</exception>
    public async Task<CachedModule> EnsureAsync(ModuleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reference = Pin(request);
        var cachedKey = reference.Digest is { } pinned ? DigestKey(reference, pinned) : TagKey(reference);
        var cached = await _store.Images.FindAsync(cachedKey, cancellationToken).ConfigureAwait(false);

        if (request.Policy != PullPolicy.Always && cached is not null && await TryPinAsync(cached.BlobDigest, request.Holder, cancellationToken).ConfigureAwait(false))
        {
            ModuleCacheLog.CacheHit(_logger, request.Image, cached.BlobDigest.Value);
            return new CachedModule(cached.BlobDigest, cached.ManifestDigest, ModuleSource.Cache);
        }

        if (request.Policy == PullPolicy.Never)
        {
            throw new ImageNotCachedException(request.Image, $"{request.Image} is not in the module cache and its pull policy is Never");
        }

        var credential = reference.CredentialFrom(request.Credentials);
        ResolvedImage resolved;
        try
        {
            resolved = await _registry.ResolveAsync(reference, credential, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryUnreachableException ex) when (cached is not null)
        {
            if (!await TryPinAsync(cached.BlobDigest, request.Holder, cancellationToken).ConfigureAwait(false)) throw;
            ModuleCacheLog.StaleCache(_logger, request.Image, cached.BlobDigest.Value, cached.ResolvedAt, ex);
            return new CachedModule(cached.BlobDigest, cached.ManifestDigest, ModuleSource.StaleCache);
        }

        string[] keys = reference.Digest is not null
            ? [DigestKey(reference, resolved.Digest)]
            : [TagKey(reference), DigestKey(reference, resolved.Digest)];

        // The image may be cached under another reference, or its wasm layer may be (the layer digest is the blob digest).
        var known = await _store.Images.FindAsync(DigestKey(reference, resolved.Digest), cancellationToken).ConfigureAwait(false);
        var layer = WasmLayer.Select(resolved);
        var reusable = known?.BlobDigest ?? (MediaTypes.IsWasmLayer(layer.MediaType) ? layer.Digest : null);
        if (reusable is { } blob && await TryPinAsync(blob, request.Holder, cancellationToken).ConfigureAwait(false))
        {
            await _store.Images.RecordAsync(keys, resolved.Digest, blob, cancellationToken).ConfigureAwait(false);
            ModuleCacheLog.Revalidated(_logger, request.Image, resolved.Digest.Value, blob.Value);
            return new CachedModule(blob, resolved.Digest, ModuleSource.Revalidated);
        }

        var limit = Math.Min(_options.MaxModuleBytes, _options.StorageBudgetBytes);
        var content = await _registry.GetBlobAsync(reference, layer, limit, credential, cancellationToken).ConfigureAwait(false);
        var module = WasmLayer.Extract(request.Image, layer, content, limit);
        BlobPutResult put;
        try
        {
            put = await _store.Blobs.PutAsync(module, new BlobPutOptions { PinHolder = request.Holder, BudgetBytes = _options.StorageBudgetBytes }, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageBudgetExceededException ex)
        {
            throw new ModuleTooLargeException(request.Image, ex.Size, ex.Budget, $"{request.Image}: {ex.Message}", ex);
        }

        await _store.Images.RecordAsync(keys, resolved.Digest, put.Digest, cancellationToken).ConfigureAwait(false);
        ModuleCacheLog.Downloaded(_logger, request.Image, resolved.Digest.Value, put.Digest.Value, put.Size);
        return new CachedModule(put.Digest, resolved.Digest, ModuleSource.Downloaded);
    }

    /// <summary>The bytes of a cached module.</summary>
    /// <exception cref="ImageNotCachedException">It is no longer cached (it was not pinned).</exception>
    public async Task<byte[]> ReadAsync(CachedModule module, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(module);
        return await _store.Blobs.ReadAsync(module.BlobDigest, cancellationToken).ConfigureAwait(false)
            ?? throw new ImageNotCachedException(module.ImageDigest.Value, $"module blob {module.BlobDigest} is no longer cached");
    }

    /// <summary>The holder no longer uses its module; it may be evicted. Releasing twice is fine.</summary>
    public Task ReleaseAsync(string holder, CancellationToken cancellationToken) => _store.Blobs.UnpinAsync(holder, cancellationToken);

    /// <summary>Evicts unpinned blobs until the cache fits its budget (after the budget shrank, say).</summary>
    public Task<IReadOnlyList<ContentDigest>> TrimAsync(CancellationToken cancellationToken) =>
        _store.Blobs.EvictAsync(_options.StorageBudgetBytes, cancellationToken);

    // Parses the image and applies the workload's pinned digest, which must agree with one in the reference.
    private static ImageReference Pin(ModuleRequest request)
    {
        ImageReference reference;
        try
        {
            reference = ImageReference.Parse(request.Image);
        }
        catch (FormatException ex)
        {
            throw new InvalidImageException(request.Image, ex.Message, ex);
        }

        if (request.Digest is not { } digest) return reference;
        if (reference.Digest is { } written && written != digest)
        {
            throw new InvalidImageException(request.Image, $"{request.Image} names digest {written} but the workload is pinned to {digest}");
        }

        return reference.WithDigest(digest);
    }

    private async Task<bool> TryPinAsync(ContentDigest blob, string holder, CancellationToken cancellationToken)
    {
        try
        {
            await _store.Blobs.PinAsync(blob, holder, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KeyNotFoundException)
        {
            // Evicted since it was recorded, or never stored: fetch it.
            return false;
        }
    }

    private static string TagKey(ImageReference reference) => $"{reference.Registry}/{reference.Repository}:{reference.EffectiveTag}";

    private static string DigestKey(ImageReference reference, ContentDigest digest) => $"{reference.Registry}/{reference.Repository}@{digest.Value}";
}
