using EdgeWasm.Benchmarks.Kernels.Runners;

namespace EdgeWasm.Benchmarks.Kernels;

/// <summary>One measured run; <paramref name="Failure"/> says why it does not count (wrong output, exit code, error), or is null.</summary>
internal sealed record Sample(int Round, Kernel Kernel, string Runner, RunResult Result, string? Failure);
