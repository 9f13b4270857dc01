using EdgeWasm.Protocol.Profiles;

namespace EdgeWasm.EdgeAgent.Modules;

/// <summary>How much the module cache may hold. The agent sets the budget from the hardware profile.</summary>
internal sealed class ModuleCacheOptions
{
    /// <summary>All cached module blobs together stay within this; least recently used unpinned blobs go first.</summary>
    public long StorageBudgetBytes { get; set; } = 1L << 30;

    /// <summary>A single module (or the layer carrying it) over this size is refused before download.</summary>
    public long MaxModuleBytes { get; set; } = 64L << 20;

    /// <summary>The cache options a device of <paramref name="profile"/> runs with: its storage budget.</summary>
    public static ModuleCacheOptions For(HardwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new ModuleCacheOptions { StorageBudgetBytes = profile.StorageBudgetBytes };
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(StorageBudgetBytes, 1, nameof(StorageBudgetBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxModuleBytes, 8, nameof(MaxModuleBytes));
    }
}
