namespace EdgeWasm.Benchmarks.Kernels.Runners;

/// <summary>One run of one kernel under one runner.</summary>
internal sealed record RunResult
{
    /// <summary>Wall time of what the runner measures (see its doc comment).</summary>
    public required TimeSpan Wall { get; init; }

    /// <summary>CPU time (user + system, all threads) over the same span.</summary>
    public required TimeSpan Cpu { get; init; }

    /// <summary>The program's exit code.</summary>
    public required int ExitCode { get; init; }

    /// <summary>SHA-256 of the program's whole stdout.</summary>
    public required string StdoutSha256 { get; init; }

    /// <summary>The start of stdout, for messages.</summary>
    public required string StdoutHead { get; init; }

    /// <summary>Our engine only: wall time of Module.FromBytes (decode, validate, emit IL), not part of <see cref="Wall"/>.</summary>
    public TimeSpan? LoadWall { get; init; }

    /// <summary>Our engine only: CPU time of Module.FromBytes.</summary>
    public TimeSpan? LoadCpu { get; init; }

    /// <summary>Our engine only: time RyuJIT spent compiling during the run (JitInfo, wall clock), part of <see cref="Wall"/>.</summary>
    public TimeSpan? Jit { get; init; }

    /// <summary>Our engine only: methods RyuJIT compiled during the run (guest functions and glue).</summary>
    public long? JitMethods { get; init; }

    /// <summary>Our engine with fuel on: fuel consumed, i.e. wasm instructions executed (docs/engine.md).</summary>
    public ulong? Fuel { get; init; }

    /// <summary>Why the run could not be measured, or null.</summary>
    public string? Problem { get; init; }
}
