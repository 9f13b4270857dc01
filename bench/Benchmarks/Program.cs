using BenchmarkDotNet.Running;
using EdgeWasm.Benchmarks.Engine;
using EdgeWasm.Benchmarks.Footprint;
using EdgeWasm.Benchmarks.Sync;

// Each benchmark family has its own entry:
//   dotnet run -c Release --project bench/Benchmarks -- sync [--changes N] [--runs N]
//   dotnet run -c Release --project bench/Benchmarks -- footprint [--latency-runs N]
//   dotnet run -c Release --project bench/Benchmarks -- engine --filter '*Fuel*' --inProcess   (BenchmarkDotNet options)
return args switch
{
    ["sync", .. var rest] => await SyncBenchmark.RunAsync(rest),
    ["footprint", .. var rest] => await FootprintBenchmark.RunAsync(rest),
    ["engine", .. var rest] => RunEngine(rest),
    _ => Usage(),
};

static int RunEngine(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(FuelBenchmarks).Assembly).Run(args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Benchmarks sync [--changes N] [--runs N]");
    Console.Error.WriteLine("       Benchmarks footprint [--latency-runs N]");
    Console.Error.WriteLine("       Benchmarks engine [BenchmarkDotNet options, e.g. --filter '*Fuel*' --inProcess]");
    return 2;
}
