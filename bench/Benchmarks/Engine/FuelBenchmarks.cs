using BenchmarkDotNet.Attributes;
using EdgeWasm.Runtime;

namespace EdgeWasm.Benchmarks.Engine;

/// <summary>What fuel metering costs: the C kernels with metering off and on (docs/engine.md reports the ratio).</summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class FuelBenchmarks : IDisposable
{
    private Runtime.Engine _engine = null!;
    private Store _store = null!;
    private Func<int, int> _fib = null!;
    private Func<int, int, double> _matmul = null!;
    private Func<int, int> _sieve = null!;
    private Func<int, long> _hash = null!;

    [Params(false, true)]
    public bool Fuel { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = new Runtime.Engine(new EngineOptions().WithFuel(Fuel));
        _store = new Store(_engine);
        if (Fuel) _store.SetFuel(long.MaxValue);
        var kernels = Path.Combine(AppContext.BaseDirectory, "fixtures", "kernels.wasm");
        var instance = new Linker(_engine).Instantiate(_store, Module.FromFile(_engine, kernels));
        _fib = instance.GetFunction<int, int>("fib")!;
        _matmul = instance.GetFunction<int, int, double>("matmul")!;
        _sieve = instance.GetFunction<int, int>("sieve")!;
        _hash = instance.GetFunction<int, long>("hash")!;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public int Fib27() => _fib(27);

    [Benchmark]
    public double MatMul128() => _matmul(128, 1);

    [Benchmark]
    public int Sieve2M() => _sieve(2_000_000);

    [Benchmark]
    public long Hash4MiB() => _hash(64);
}
