using BenchmarkDotNet.Attributes;
using EdgeWasm.Runtime;

namespace EdgeWasm.Benchmarks.Engine;

/// <summary>The cost of crossing between host and guest, per call (OperationsPerInvoke = calls).</summary>
public class BoundaryBenchmarks : IDisposable
{
    private const int Calls = 100_000;
    private Runtime.Engine _engine = null!;
    private Store _store = null!;
    private Func<int, int> _untypedHostLoop = null!;
    private Func<int, int> _typedHostLoop = null!;
    private Func<int, int> _typedId = null!;
    private Func _id = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new Runtime.Engine();
        _store = new Store(_engine);
        var module = Module.FromFile(_engine, Path.Combine(AppContext.BaseDirectory, "fixtures", "calls.wasm"));
        var untyped = new Linker(_engine);
        untyped.DefineFunction("host", "f", new FuncType([ValueKind.I32], [ValueKind.I32]), (_, args, results) => results[0] = Value.FromInt32(args[0].AsInt32() & 1));
        _untypedHostLoop = untyped.Instantiate(_store, module).GetFunction<int, int>("loop")!;
        var typed = new Linker(_engine);
        typed.DefineFunction("host", "f", (int x) => x & 1);
        var instance = typed.Instantiate(_store, module);
        _typedHostLoop = instance.GetFunction<int, int>("loop")!;
        _typedId = instance.GetFunction<int, int>("id")!;
        _id = instance.GetFunction("id")!;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public int GuestToHostCallback() => _untypedHostLoop(Calls);

    [Benchmark(OperationsPerInvoke = Calls)]
    public int GuestToHostTyped() => _typedHostLoop(Calls);

    [Benchmark(OperationsPerInvoke = Calls)]
    public int HostToGuestTyped()
    {
        var sum = 0;
        for (var i = 0; i < Calls; i++) sum += _typedId(i);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public int HostToGuestInvoke()
    {
        var sum = 0;
        for (var i = 0; i < Calls; i++) sum += _id.Invoke(Value.FromInt32(i))[0].AsInt32();
        return sum;
    }
}
