using System.Runtime.CompilerServices;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

/// <summary>Generated code lives in collectible assemblies: once a module, its stores and instances are gone,
/// the code is unloaded, so a long-running agent can load and drop modules without leaking.</summary>
public sealed class UnloadingTests
{
    [Fact]
    public void DroppedModule_IsCollected_WithItsGeneratedCode()
    {
        using var engine = new Engine();
        var (module, code) = LoadRunAndDrop(engine);

        for (var i = 0; i < 20 && (module.IsAlive || code.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(module.IsAlive, "the module is still referenced");
        Assert.False(code.IsAlive, "the generated assembly was not unloaded");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Module, WeakReference Code) LoadRunAndDrop(Engine engine)
    {
        var module = Module.FromFile(engine, Fixtures.Wasm("compute"));
        using (var store = new Store(engine))
        {
            var instance = new Linker(engine).Instantiate(store, module);
            Assert.Equal(6765L, instance.GetFunction<long, long>("fib")!(20));
        }

        return (new WeakReference(module), new WeakReference(module.Compiled.Type.Assembly));
    }
}
