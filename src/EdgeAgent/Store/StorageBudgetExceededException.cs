namespace EdgeWasm.EdgeAgent.Store;

/// <summary>A blob does not fit in the storage budget, even after evicting every unpinned blob.</summary>
internal sealed class StorageBudgetExceededException : Exception
{
    /// <summary>Creates it from the figures that explain it.</summary>
    public StorageBudgetExceededException(long size, long budget, long pinnedBytes)
        : base($"a blob of {size} bytes does not fit in the storage budget of {budget} bytes ({pinnedBytes} bytes are pinned by workloads in use)")
    {
        Size = size;
        Budget = budget;
        PinnedBytes = pinnedBytes;
    }

    /// <summary>The blob's size.</summary>
    public long Size { get; }

    /// <summary>The budget.</summary>
    public long Budget { get; }

    /// <summary>Bytes held by pinned blobs, which eviction may not touch.</summary>
    public long PinnedBytes { get; }
}
