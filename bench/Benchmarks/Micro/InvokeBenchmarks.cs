using BenchmarkDotNet.Attributes;
using EdgeWasm.Runtime;

namespace EdgeWasm.Benchmarks.Micro;

/// <summary>
/// Host-to-guest call cost: <see cref="Func.Invoke(Value[])"/> on an empty function and on i32.add, the span overload,
/// and the typed delegate from <see cref="Instance.GetFunction{T1, T2, TResult}(string)"/>.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class InvokeBenchmarks : IDisposable
{
    private Runtime.Engine _engine = null!;
    private Store _store = null!;
    private Func _nop = null!;
    private Func _add = null!;
    private Func<int, int, int> _addTyped = null!;
    private Value[] _arguments = null!;

    /// <summary>Instantiates calls.wat and looks up its exports.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _engine = new Runtime.Engine();
        _store = new Store(_engine);
        var instance = CallsModule.Instantiate(_engine, _store);
        _nop = instance.GetFunction("nop")!;
        _add = instance.GetFunction("add")!;
        _addTyped = instance.GetFunction<int, int, int>("add")!;
        _arguments = [Value.FromInt32(20), Value.FromInt32(22)];
    }

    /// <summary>Disposes the store and the engine.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Func.Invoke on an empty function.</summary>
    [Benchmark(Baseline = true)]
    public int InvokeNop() => _nop.Invoke().Length;

    /// <summary>Func.Invoke(Value[]) on i32.add.</summary>
    [Benchmark]
    public Value InvokeAdd() => _add.Invoke(_arguments)[0];

    /// <summary>Func.Invoke(ReadOnlySpan&lt;Value&gt;) on i32.add.</summary>
    [Benchmark]
    public Value InvokeAddSpan() => _add.Invoke(_arguments.AsSpan())[0];

    /// <summary>The typed delegate for i32.add.</summary>
    [Benchmark]
    public int TypedAdd() => _addTyped(20, 22);
}
