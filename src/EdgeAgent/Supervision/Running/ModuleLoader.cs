using System.Collections.Concurrent;
using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Runtime;

namespace EdgeWasm.EdgeAgent.Supervision.Running;

/// <summary>
/// Compiled modules by blob digest: a module is read from the cache and compiled once, however many workloads and
/// restarts use it. A module that fails to compile fails the same way for every user until it is dropped.
/// </summary>
internal sealed class ModuleLoader(Engine engine, ModuleCache cache)
{
    private readonly ConcurrentDictionary<ContentDigest, Lazy<Task<Module>>> _modules = new();

    /// <summary>The compiled module for <paramref name="module"/>.</summary>
    /// <exception cref="Runtime.Errors.WasmDecodeException">Not a well-formed module.</exception>
    /// <exception cref="Runtime.Errors.WasmValidationException">Not a valid module.</exception>
    public Task<Module> LoadAsync(CachedModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return _modules.GetOrAdd(module.BlobDigest, _ => new Lazy<Task<Module>>(() => CompileAsync(module))).Value;
    }

    /// <summary>Drops the compiled modules no longer in <paramref name="inUse"/>, so their code can be collected.</summary>
    public void Retain(IReadOnlySet<ContentDigest> inUse)
    {
        ArgumentNullException.ThrowIfNull(inUse);
        foreach (var digest in _modules.Keys)
        {
            if (!inUse.Contains(digest)) _modules.TryRemove(digest, out _);
        }
    }

    /// <summary>How many compiled modules are held.</summary>
    public int Count => _modules.Count;

    private async Task<Module> CompileAsync(CachedModule module)
    {
        // The store read is the only wait; reading a pinned module does not depend on who asked, so no token.
        var bytes = await cache.ReadAsync(module, CancellationToken.None).ConfigureAwait(false);
        return Module.FromBytes(engine, bytes, module.BlobDigest.Hex[..12]);
    }
}
