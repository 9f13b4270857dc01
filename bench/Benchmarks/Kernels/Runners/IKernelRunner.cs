namespace EdgeWasm.Benchmarks.Kernels.Runners;

/// <summary>One way of running a kernel: natively, under a peer engine, or under ours.</summary>
internal interface IKernelRunner
{
    /// <summary>The column name in the tables.</summary>
    string Name { get; }

    /// <summary>What the runner's time covers, for the report.</summary>
    string Measures { get; }

    /// <summary>Runs <paramref name="kernel"/> once with <paramref name="scratchDirectory"/> as its working (and preopened) directory.</summary>
    Task<RunResult> RunAsync(Kernel kernel, string scratchDirectory, CancellationToken cancellationToken);
}
