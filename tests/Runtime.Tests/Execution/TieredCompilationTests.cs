using System.Diagnostics;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

/// <summary>
/// <see cref="EngineOptions.WithEagerOptimization"/> off: the module's code lives in a non-collectible assembly so the
/// runtime tiers it (Tier0 first, with larger frames, then optimized code replaced under running callers).
/// </summary>
public sealed class TieredCompilationTests
{
    [Fact]
    public void TieredCode_GivesTheSameResults_BeforeAndAfterItTiersUp()
    {
        using var engine = new Engine(new EngineOptions().WithEagerOptimization(false));
        using var store = new Store(engine);
        var instance = Instantiate(engine, store);
        var fib = instance.GetFunction<long, long>("fib")!;
        var sum = instance.GetFunction<int, long>("sum")!;

        // Enough calls for the runtime's call counting to promote both (30 calls, then a compile after a short delay).
        var clock = Stopwatch.StartNew();
        for (var calls = 0; calls < 200 || clock.Elapsed < TimeSpan.FromSeconds(1); calls++)
        {
            Assert.Equal(6765L, fib(20));
            Assert.Equal(499_500L, sum(1000));
        }
    }

    [Fact]
    public void TieredCode_UnboundedRecursion_TrapsWithCallStackExhausted_AndTheProcessLives()
    {
        // Tier0 frames are larger than optimized ones; the native stack check must still fire before the OS guard page.
        using var engine = new Engine(new EngineOptions().WithEagerOptimization(false).WithGuestStackSize(EngineOptions.MinimumGuestStackSize).WithMaxCallDepth(1_000_000));
        using var store = new Store(engine);
        var instance = Instantiate(engine, store);
        var recurse = instance.GetFunction("recurse")!;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TrapCode.CallStackExhausted, Assert.Throws<WasmTrapException>(() => recurse.Invoke(Value.FromInt32(0))).Code);
        }

        Assert.Equal(100, instance.GetFunction<int, int>("depth")!(100));
    }

    [Fact]
    public void TieredCode_WithFuel_ChargesExactlyLikeEagerCode()
    {
        ulong Consumed(bool eager)
        {
            using var engine = new Engine(new EngineOptions().WithFuel(true).WithEagerOptimization(eager));
            using var store = new Store(engine);
            store.SetFuel(long.MaxValue);
            var fib = Instantiate(engine, store).GetFunction<long, long>("fib")!;
            for (var i = 0; i < 100; i++) Assert.Equal(610L, fib(15));
            return store.FuelConsumed;
        }

        Assert.Equal(Consumed(eager: true), Consumed(eager: false));
    }

    private static Instance Instantiate(Engine engine, Store store) =>
        new Linker(engine).Instantiate(store, Module.FromFile(engine, Fixtures.Wasm("compute")));
}
