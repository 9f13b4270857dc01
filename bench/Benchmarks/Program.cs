using EdgeWasm.Benchmarks.Diagnostics;
using EdgeWasm.Benchmarks.Kernels;
using EdgeWasm.Benchmarks.Micro;
using EdgeWasm.Benchmarks.Sync;

// One entry per benchmark family; docs/benchmarks.md describes the engine ones.
//   kernels [--rounds N] [--only fib,...]   C kernels under our engine, V8, Wasmtime and native, side by side
//   micro [BenchmarkDotNet args]            engine micro-benchmarks (compile throughput, host calls, invoke, fuel)
//   engine [BenchmarkDotNet args]           the same as micro
//   jit module.wasm [--top N]               what RyuJIT spends on each generated function of a module
//   sync [--changes N] [--runs N]           status changes through agent store, MQTT and bridge
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return args switch
{
    ["kernels", .. var rest] => await KernelsCommand.RunAsync(rest, cancel.Token),
    ["micro" or "engine", .. var rest] => MicroBenchmarks.Run(rest),
    ["jit", .. var rest] => JitCostCommand.Run(rest),
    ["sync", .. var rest] => await SyncBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Benchmarks kernels [--rounds N] [--only fib,...] [--runners ...] | micro [--filter *Host*] | jit module.wasm | sync [--changes N] [--runs N]");
    return 2;
}
