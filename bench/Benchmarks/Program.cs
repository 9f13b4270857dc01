using EdgeWasm.Benchmarks.Diagnostics;
using EdgeWasm.Benchmarks.Footprint;
using EdgeWasm.Benchmarks.Kernels;
using EdgeWasm.Benchmarks.Micro;
using EdgeWasm.Benchmarks.Sync;

// One entry per benchmark family; docs/benchmarks.md describes the engine ones.
//   kernels [--rounds N] [--only fib,...]   C kernels under our engine, V8, Wasmtime and native, side by side
//   micro [BenchmarkDotNet args]            engine micro-benchmarks (compile throughput, host calls, invoke, fuel)
//   engine [BenchmarkDotNet args]           the same as micro
//   jit module.wasm [--top N]               what RyuJIT spends on each generated function of a module
//   sync [--changes N] [--runs N]           status changes through agent store, MQTT and bridge
//   footprint [--latency-runs N]            the agent's RSS idle/10/100 workloads, desired-to-Running latency (docs/agent.md)
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
    ["footprint", .. var rest] => await FootprintBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Benchmarks kernels [--rounds N] [--only fib,...] [--runners ...] | micro [--filter *Host*] | jit module.wasm | sync [--changes N] [--runs N] | footprint [--latency-runs N]");
    return 2;
}
