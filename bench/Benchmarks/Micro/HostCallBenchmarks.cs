using BenchmarkDotNet.Attributes;
using EdgeWasm.Runtime;

namespace EdgeWasm.Benchmarks.Micro;

/// <summary>
/// Guest-to-host call cost: a wasm loop (calls.wat) calls an imported host function <see cref="Calls"/> times,
/// defined through the typed Linker path (<c>Func&lt;int, int&gt;</c>, with and without <see cref="Caller"/>) and the
/// untyped one (<see cref="HostFunctionCallback"/> over <see cref="Value"/> spans). The same loop calling a wasm
/// function directly and through call_indirect is the baseline. Times are per call.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class HostCallBenchmarks : IDisposable
{
    private const int Calls = 10_000;
    private Runtime.Engine _engine = null!;
    private Store _store = null!;
    private Instance _instance = null!;
    private Value[] _arguments = null!;

    /// <summary>Instantiates calls.wat with its host functions.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _engine = new Runtime.Engine();
        _store = new Store(_engine);
        _instance = CallsModule.Instantiate(_engine, _store);
        _arguments = [Value.FromInt32(Calls)];
    }

    /// <summary>Disposes the store and the engine.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A direct call to a wasm function.</summary>
    [Benchmark(OperationsPerInvoke = Calls, Baseline = true)]
    public Value WasmCall() => Loop("loop_wasm");

    /// <summary>A call_indirect to a wasm function.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public Value WasmCallIndirect() => Loop("loop_indirect");

    /// <summary>A call to a host function defined as Func&lt;int, int&gt;.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public Value HostTyped() => Loop("loop_typed");

    /// <summary>A call to a host function defined as Func&lt;Caller, int, int&gt;.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public Value HostTypedWithCaller() => Loop("loop_typed_caller");

    /// <summary>A call to a host function defined with a HostFunctionCallback.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public Value HostUntyped() => Loop("loop_untyped");

    private Value Loop(string export) => _instance.GetFunction(export)!.Invoke(_arguments)[0];
}
