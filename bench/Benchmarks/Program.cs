using BenchmarkDotNet.Running;

// Pick benchmarks on the command line, e.g. `--filter *Fuel*`; see BenchmarkDotNet's --help.
BenchmarkSwitcher.FromAssembly(typeof(EdgeWasm.Benchmarks.Engine.FuelBenchmarks).Assembly).Run(args);
