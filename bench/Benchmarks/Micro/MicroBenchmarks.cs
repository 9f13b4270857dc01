using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace EdgeWasm.Benchmarks.Micro;

/// <summary>
/// Runs the BenchmarkDotNet classes of this assembly (these micro-benchmarks, and any others such as the fuel ones;
/// BenchmarkDotNet needs them public and unsealed).
/// Short jobs, in process: BenchmarkDotNet's default of building and launching a project per benchmark takes
/// minutes on a loaded two-core machine and the figures here are per-call costs, not close races.
/// </summary>
internal static class MicroBenchmarks
{
    public static int Run(string[] args)
    {
        var job = Job.ShortRun.WithWarmupCount(3).WithIterationCount(7).WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance
            .AddJob(job)
            .WithArtifactsPath(Path.Combine(Repository.Root(), "artifacts", "bench", "micro"))
            .WithOptions(ConfigOptions.JoinSummary);
        // With no arguments BenchmarkSwitcher would ask on the console which benchmarks to run; run them all instead.
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
