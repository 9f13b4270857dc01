using BenchmarkDotNet.Attributes;
using EdgeWasm.Runtime;

namespace EdgeWasm.Benchmarks.Micro;

/// <summary>
/// Call costs that <see cref="Engine.BoundaryBenchmarks"/> (typed and untyped host functions, typed and untyped
/// invoke) leaves out. Inside the guest, a wasm loop (call-loops.wat) calls, <see cref="Calls"/> times, a wasm
/// function directly and through call_indirect (what a host call compares with) and a typed host function that
/// takes the <see cref="Caller"/>; those times are per call. From the host, <see cref="Func.Invoke(Value[])"/> on an
/// empty function (the bare cost of entering the guest) and the span overload on i32.add.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class CallBenchmarks : IDisposable
{
    private const int Calls = 10_000;
    private Runtime.Engine _engine = null!;
    private Store _store = null!;
    private Instance _instance = null!;
    private Value[] _loopArguments = null!;
    private Value[] _addArguments = null!;
    private Func _nop = null!;
    private Func _add = null!;

    /// <summary>Instantiates call-loops.wat with its host function and looks up its exports.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _engine = new Runtime.Engine();
        _store = new Store(_engine);
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "typed_caller", (Caller caller, int x) => x + 1);
        _instance = linker.Instantiate(_store, Module.FromFile(_engine, Repository.Fixture("call-loops.wasm")));
        _nop = _instance.GetFunction("nop")!;
        _add = _instance.GetFunction("add")!;
        _loopArguments = [Value.FromInt32(Calls)];
        _addArguments = [Value.FromInt32(20), Value.FromInt32(22)];
    }

    /// <summary>Disposes the store and the engine.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A direct call from wasm to a wasm function.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public Value WasmCall() => Loop("loop_wasm");

    /// <summary>A call_indirect from wasm to a wasm function.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public Value WasmCallIndirect() => Loop("loop_indirect");

    /// <summary>A call from wasm to a host function defined as Func&lt;Caller, int, int&gt;.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public Value HostTypedWithCaller() => Loop("loop_typed_caller");

    /// <summary>Func.Invoke on an empty function.</summary>
    [Benchmark]
    public int InvokeNop() => _nop.Invoke().Length;

    /// <summary>Func.Invoke(ReadOnlySpan&lt;Value&gt;) on i32.add.</summary>
    [Benchmark]
    public Value InvokeAddSpan() => _add.Invoke(_addArguments.AsSpan())[0];

    private Value Loop(string export) => _instance.GetFunction(export)!.Invoke(_loopArguments)[0];
}
