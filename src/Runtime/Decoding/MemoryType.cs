namespace EdgeWasm.Runtime.Decoding;

/// <summary>A linear memory's limits, in 64 KiB pages.</summary>
internal sealed record MemoryType(Limits Limits)
{
    /// <summary>The size of one wasm page.</summary>
    public const int PageSize = 65536;

    /// <summary>The most pages a 32-bit memory can have (4 GiB).</summary>
    public const uint MaxPages = 65536;
}
