using EdgeWasm.Runtime.Errors;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

public sealed class LimitTests : IDisposable
{
    private readonly Engine _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void MemoryGrow_PastTheStoreLimit_ReturnsMinusOne()
    {
        using var store = new Store(_engine) { Limits = new StoreLimits().WithMemorySize(4 * Memory.PageSize) };
        var instance = Instantiate(store, "growth");
        var grow = instance.GetFunction<int, int>("grow_memory")!;

        Assert.Equal(1, grow(3));
        Assert.Equal(-1, grow(1));
        Assert.Equal(4, instance.GetFunction<int>("memory_pages")!());
        Assert.Equal(-1, instance.GetMemory("memory")!.Grow(1));
    }

    [Fact]
    public void MemoryGrow_PastTheDeclaredMaximum_ReturnsMinusOne()
    {
        using var store = new Store(_engine);
        var grow = Instantiate(store, "growth").GetFunction<int, int>("grow_memory")!;

        Assert.Equal(-1, grow(100));
        Assert.Equal(1, grow(99));
    }

    [Fact]
    public void MemoryLimitHits_CountsRefusalsByTheStoreLimit_NotByTheDeclaredMaximum()
    {
        using var store = new Store(_engine) { Limits = new StoreLimits().WithMemorySize(4 * Memory.PageSize) };
        var grow = Instantiate(store, "growth").GetFunction<int, int>("grow_memory")!;

        Assert.Equal(-1, grow(100));
        Assert.Equal(0, store.MemoryLimitHits);
        Assert.Equal(1, grow(3));
        Assert.Equal(0, store.MemoryLimitHits);
        Assert.Equal(-1, grow(1));
        Assert.Equal(-1, grow(2));
        Assert.Equal(2, store.MemoryLimitHits);
    }

    [Fact]
    public void Instantiate_WithAMinimumAboveTheLimit_FailsClearly()
    {
        using var store = new Store(_engine) { Limits = new StoreLimits().WithMemorySize(1024 * 1024) };

        var error = Assert.Throws<WasmLinkException>(() => Instantiate(store, "big-memory"));
        Assert.Contains("160 pages", error.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 1048576 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableGrow_PastTheElementLimit_ReturnsMinusOne()
    {
        using var store = new Store(_engine) { Limits = new StoreLimits().WithTableElements(10) };
        var instance = Instantiate(store, "growth");
        var grow = instance.GetFunction<int, int>("grow_table")!;

        Assert.Equal(1, grow(9));
        Assert.Equal(-1, grow(1));
        Assert.Equal(10, instance.GetFunction<int>("table_size")!());
    }

    [Fact]
    public void Instances_BeyondTheLimit_FailToInstantiate()
    {
        using var store = new Store(_engine) { Limits = new StoreLimits().WithInstances(2) };
        Instantiate(store, "growth");
        Instantiate(store, "growth");

        Assert.Contains("2 instances", Assert.Throws<WasmLinkException>(() => Instantiate(store, "growth")).Message, StringComparison.Ordinal);
    }

    private Instance Instantiate(Store store, string fixture) =>
        new Linker(_engine).Instantiate(store, Module.FromFile(_engine, Fixtures.Wasm(fixture)));
}
