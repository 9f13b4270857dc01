using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

public sealed class SharingTests
{
    [Fact]
    public void OneModule_RunsInManyStoresOnManyThreadsAtOnce()
    {
        using var engine = new Engine(new EngineOptions().WithFuel(true));
        var module = Module.FromFile(engine, Fixtures.Wasm("compute"));
        var fuel = new ulong[8];
        var results = new long[8];

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            using var store = new Store(engine);
            store.SetFuel(10_000_000);
            var instance = new Linker(engine).Instantiate(store, module);
            // Each store has its own memory and globals: writes in one are not seen by another.
            instance.GetAction<int, int>("store")!(0, i);
            results[i] = instance.GetFunction<long, long>("fib")!(20) + instance.GetFunction<int, int>("load")!(0);
            fuel[i] = store.FuelConsumed;
        });

        Assert.Equal(Enumerable.Range(0, 8).Select(i => 6765L + i), results);
        Assert.All(fuel, f => Assert.Equal(fuel[0], f));
    }

    [Fact]
    public async Task Store_RefusesASecondThreadWhileRunning()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        Exception? seen = null;
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        linker.DefineFunction("host", "add", (int a, int b) =>
        {
            inside.Set();
            release.Wait();
            return a + b;
        });
        linker.DefineFunction("host", "fail", () => { });
        linker.DefineFunction("host", "reenter", (int x) => x);
        linker.DefineFunction("host", "log", (int _, int _) => { });
        var instance = linker.Instantiate(store, Module.FromFile(engine, Fixtures.Wasm("host-calls")));
        var add = instance.GetFunction<int, int, int>("add_via_host")!;

        var first = Task.Run(() => add(1, 2));
        inside.Wait();
        try
        {
            add(3, 4);
        }
        catch (InvalidOperationException ex)
        {
            seen = ex;
        }

        release.Set();
        Assert.Equal(3, await first);
        Assert.NotNull(seen);
        Assert.Contains("another thread", seen!.Message, StringComparison.Ordinal);
    }
}
