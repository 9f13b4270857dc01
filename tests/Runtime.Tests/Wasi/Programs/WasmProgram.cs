using System.Text;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Wasi;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Wasi.Programs;

/// <summary>Runs a compiled C fixture's <c>_start</c> under the engine with WASI, the way a host embeds it.</summary>
internal sealed class WasmProgram
{
    private readonly string _fixture;

    public WasmProgram(string fixture) => _fixture = fixture;

    public List<string> Arguments { get; } = [];

    public List<KeyValuePair<string, string>> Environment { get; } = [];

    public string? Stdin { get; init; }

    public EngineOptions? EngineOptions { get; init; }

    /// <summary>Extra configuration (preopens, listeners, a different stdout).</summary>
    public Action<WasiConfiguration>? Configure { get; init; }

    /// <summary>Runs after the store exists and before <c>_start</c> (fuel, limits, deadlines, interrupts).</summary>
    public Action<Store>? Prepare { get; init; }

    public ProgramRun Run()
    {
        using var engine = new Engine(EngineOptions);
        var module = Module.FromFile(engine, Fixtures.Wasm(_fixture));
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var configuration = new WasiConfiguration()
            .WithArgument(_fixture)
            .WithArguments(Arguments)
            .WithStandardOutput(stdout)
            .WithStandardError(stderr);
        foreach (var (name, value) in Environment) configuration.WithEnvironmentVariable(name, value);
        if (Stdin is not null) configuration.WithStandardInput(new MemoryStream(Encoding.UTF8.GetBytes(Stdin)));
        Configure?.Invoke(configuration);

        using var wasi = configuration.Build();
        using var store = new Store(engine, wasi);
        Prepare?.Invoke(store);
        var instance = new Linker(engine).DefineWasi().Instantiate(store, module);
        var start = instance.GetFunction("_start") ?? throw new InvalidOperationException($"{_fixture} has no _start");
        int? exitCode = null;
        WasmTrapException? trap = null;
        try
        {
            start.Invoke();
            exitCode = 0;
        }
        catch (WasmExitException exit)
        {
            exitCode = exit.ExitCode;
        }
        catch (WasmTrapException caught)
        {
            trap = caught;
        }

        return new ProgramRun(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()), trap);
    }
}
