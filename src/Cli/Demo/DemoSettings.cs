namespace EdgeWasm.Cli.Demo;

/// <summary>
/// How the demo runs. <see cref="Duration"/> or <see cref="UntilSettled"/> make it non-interactive: it prints the table
/// once at the end and exits 0 only if every example reached its expected state.
/// </summary>
internal sealed record DemoSettings
{
    /// <summary>The repository (examples/, hardware/).</summary>
    public required string Root { get; init; }

    /// <summary>The demo's working folder; null makes a temporary one.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Keep the working folder (logs, stores, status file) after the demo ends.</summary>
    public bool Keep { get; init; }

    /// <summary>Run this long, then print the table and stop.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Stop as soon as every example reached its expected state (or <see cref="Timeout"/> passed).</summary>
    public bool UntilSettled { get; init; }

    /// <summary>The longest <see cref="UntilSettled"/> waits.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A real cluster instead of static pods: the demo creates the example pods there (and deletes them at the end).</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context (default: the current one).</summary>
    public string? Context { get; init; }

    /// <summary>Whether the demo ends by itself.</summary>
    public bool IsNonInteractive => Duration is not null || UntilSettled;
}
