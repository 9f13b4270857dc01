namespace EdgeWasm.EdgeAgent.Modules;

/// <summary>Where a module came from on this request.</summary>
internal enum ModuleSource
{
    /// <summary>The cache, without any network traffic.</summary>
    Cache,

    /// <summary>The registry was asked which manifest the reference names (policy Always, or a new reference);
    /// the module itself was already cached.</summary>
    Revalidated,

    /// <summary>Downloaded from the registry.</summary>
    Downloaded,

    /// <summary>Policy Always, but the registry was unreachable: the copy cached for this reference is used, so an
    /// offline device keeps running what it ran.</summary>
    StaleCache,
}
