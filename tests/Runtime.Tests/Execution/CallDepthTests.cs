using EdgeWasm.Runtime.Errors;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

public sealed class CallDepthTests
{
    [Fact]
    public void UnboundedRecursion_TrapsWithCallStackExhausted_AndTheProcessLives()
    {
        using var engine = new Engine();
        var recurse = Instantiate(engine, out var store).GetFunction("recurse")!;

        for (var i = 0; i < 3; i++)
        {
            var trap = Assert.Throws<WasmTrapException>(() => recurse.Invoke(Value.FromInt32(0)));
            Assert.Equal(TrapCode.CallStackExhausted, trap.Code);
            Assert.All(trap.Backtrace, f => Assert.Equal("forever", f.FunctionName));
        }

        // The store is still usable afterwards.
        Assert.Equal(3, Instantiate(engine, out _).GetFunction<int, int>("depth")!(3));
        store.Dispose();
    }

    [Fact]
    public void MaxCallDepth_IsExactAndDeterministic()
    {
        using var engine = new Engine(new EngineOptions().WithMaxCallDepth(100));
        var depth = Instantiate(engine, out var store).GetFunction("depth")!;

        // depth(n) is n+1 nested calls.
        Assert.Equal(99, depth.Invoke(Value.FromInt32(99))[0].AsInt32());
        Assert.Equal(TrapCode.CallStackExhausted, Assert.Throws<WasmTrapException>(() => depth.Invoke(Value.FromInt32(100))).Code);
        store.Dispose();
    }

    [Fact]
    public void SmallGuestStack_EndsDeepRecursionBeforeTheDepthLimit()
    {
        using var engine = new Engine(new EngineOptions().WithGuestStackSize(EngineOptions.MinimumGuestStackSize).WithMaxCallDepth(1_000_000));
        var depth = Instantiate(engine, out var store).GetFunction("depth")!;

        Assert.Equal(100, depth.Invoke(Value.FromInt32(100))[0].AsInt32());
        Assert.Equal(TrapCode.CallStackExhausted, Assert.Throws<WasmTrapException>(() => depth.Invoke(Value.FromInt32(500_000))).Code);
        store.Dispose();
    }

    [Fact]
    public void CallerWithATinyStack_RunsTheGuestOnAnEngineThread()
    {
        using var engine = new Engine(new EngineOptions().WithGuestStackSize(4 * 1024 * 1024));
        var depth = Instantiate(engine, out var store).GetFunction("depth")!;
        var result = 0;
        Exception? error = null;

        // 256 KiB of stack cannot hold a 4 MiB guest stack, so the call moves to a guest thread.
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = depth.Invoke(Value.FromInt32(5000))[0].AsInt32();
                }
                catch (Exception ex)
                {
                    error = ex;
                }
            },
            256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Null(error);
        Assert.Equal(5000, result);
        store.Dispose();
    }

    private static Instance Instantiate(Engine engine, out Store store)
    {
        store = new Store(engine);
        return new Linker(engine).Instantiate(store, Module.FromFile(engine, Fixtures.Wasm("compute")));
    }
}
