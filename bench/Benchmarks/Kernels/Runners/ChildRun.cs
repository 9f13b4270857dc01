namespace EdgeWasm.Benchmarks.Kernels.Runners;

/// <summary>What <see cref="ChildProcess.RunAsync"/> saw: process wall and CPU time, exit code, stdout digest, stderr.</summary>
internal sealed record ChildRun(TimeSpan Wall, TimeSpan Cpu, int ExitCode, string StdoutSha256, string StdoutHead, string Stderr)
{
    /// <summary>The run as a result timed by the whole process.</summary>
    public RunResult ToResult() => new()
    {
        Wall = Wall,
        Cpu = Cpu,
        ExitCode = ExitCode,
        StdoutSha256 = StdoutSha256,
        StdoutHead = StdoutHead,
    };
}
