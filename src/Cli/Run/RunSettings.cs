namespace EdgeWasm.Cli.Run;

/// <summary>
/// What <c>edgewasm run</c> was asked to do. <see cref="Arguments"/> are everything after the module: the guest's
/// argv (after argv[0]) and, with <see cref="Invoke"/>, also the invoked function's arguments.
/// </summary>
internal sealed record RunSettings(string ModulePath, string? Invoke, IReadOnlyList<string> Arguments)
{
    /// <summary>Fuel to run with; null runs without metering.</summary>
    public ulong? Fuel { get; init; }

    /// <summary>The most bytes of linear memory; null for the spec's limit.</summary>
    public long? MaxMemory { get; init; }

    /// <summary>Wall-clock limit; null for none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Host directories the guest sees, in preopen order.</summary>
    public IReadOnlyList<DirectoryMapping> Directories { get; init; } = [];

    /// <summary>The guest's environment; it gets nothing else from the host.</summary>
    public IReadOnlyList<EnvironmentSetting> Environment { get; init; } = [];

    /// <summary>Addresses to listen on, handed to the guest as preopened sockets after the directories.</summary>
    public IReadOnlyList<ListenAddress> TcpListen { get; init; } = [];

    /// <summary>The guest's argv[0]; null for the module's file name, as wasmtime passes it.</summary>
    public string? Argv0 { get; init; }
}
