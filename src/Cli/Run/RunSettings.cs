namespace EdgeWasm.Cli.Run;

/// <summary>What <c>edgewasm run</c> was asked to do. <see cref="Arguments"/> are the invoked function's arguments, as typed.</summary>
internal sealed record RunSettings(string ModulePath, string? Invoke, IReadOnlyList<string> Arguments)
{
    /// <summary>Fuel to run with; null runs without metering.</summary>
    public ulong? Fuel { get; init; }

    /// <summary>The most bytes of linear memory; null for the spec's limit.</summary>
    public long? MaxMemory { get; init; }

    /// <summary>Wall-clock limit; null for none.</summary>
    public TimeSpan? Timeout { get; init; }
}
