using System.Globalization;
using System.Net.Sockets;
using System.Text;
using EdgeWasm.Runtime;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Wasi;

namespace EdgeWasm.Cli.Run;

/// <summary>
/// Runs a module for <c>edgewasm run</c> the way <c>wasmtime run</c> does: WASI preview 1 with the process's own
/// standard streams, the requested preopens, environment and listening sockets; <c>_initialize</c> first when the
/// module exports it; then <c>_start</c> (or the export named <c>""</c>), or the <c>--invoke</c> export whose results
/// are printed one per line in wasm text style. The guest's exit code becomes the run's; a trap prints its code and
/// wasm backtrace and gives <see cref="Trapped"/>.
/// </summary>
internal sealed class ModuleRunner(Stream input, Stream output, Stream error, Func<string, string?> hostEnvironment, StandardTerminals terminals = default) : IDisposable
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the module could not be loaded, linked or called as asked.</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a trap: wasmtime exits with 128 + SIGABRT on Unix, what a shell reports for abort().</summary>
    public const int Trapped = 134;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly TextWriter _output = new StreamWriter(output, Utf8, leaveOpen: true) { AutoFlush = true };
    private readonly TextWriter _error = new StreamWriter(error, Utf8, leaveOpen: true) { AutoFlush = true };

    /// <summary>Runs the module; the guest is interrupted when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <exception cref="OperationCanceledException">The token stopped the guest; nothing was reported.</exception>
    public int Run(RunSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = settings.ModulePath;
        using var engine = new Engine(new EngineOptions().WithFuel(settings.Fuel is not null));
        Module module;
        try
        {
            module = Module.FromFile(engine, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail($"failed to read module \"{path}\": {ex.Message}");
        }
        catch (WasmDecodeException ex)
        {
            return Fail($"\"{path}\" is not a well-formed wasm module: {ex.Message}");
        }
        catch (WasmValidationException ex)
        {
            return Fail($"\"{path}\" is not a valid wasm module: {ex.Message}");
        }

        var listeners = new List<Socket>();
        try
        {
            foreach (var address in settings.TcpListen)
            {
                try
                {
                    listeners.Add(address.Bind());
                }
                catch (SocketException ex)
                {
                    return Fail($"--tcplisten \"{address.Text}\": failed to bind: {ex.Message}");
                }
            }

            if (!TryConfigureWasi(settings, listeners, out var configuration)) return Failure;
            WasiContext wasi;
            try
            {
                wasi = configuration.Build();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Fail($"--dir: {ex.Message}");
            }

            using (wasi) return Execute(settings, engine, module, wasi, cancellationToken);
        }
        finally
        {
            foreach (var listener in listeners) listener.Dispose();
        }
    }

    private int Execute(RunSettings settings, Engine engine, Module module, WasiContext wasi, CancellationToken cancellationToken)
    {
        using var store = new Store(engine, wasi);
        using var stop = cancellationToken.Register(store.Interrupt);
        if (settings.MaxMemory is { } maxMemory) store.Limits = new StoreLimits().WithMemorySize(maxMemory);
        if (settings.Fuel is { } fuel) store.SetFuel(fuel);
        try
        {
            var linker = new Linker(engine).DefineWasi();
            // Like wasmtime's -W timeout, the clock covers instantiation (a start function) too.
            if (settings.Timeout is { } timeout) store.SetDeadline(timeout);
            var instance = linker.Instantiate(store, module);
            if (instance.GetFunction("_initialize") is { } initialize && !TryCallEntryPoint(initialize, "_initialize")) return Failure;
            if (settings.Invoke is { } name) return InvokeExport(instance, module, name, settings.Arguments);

            // A command's entry point; a module with neither export just ran its start function, as in wasmtime.
            var start = instance.GetFunction("") ?? instance.GetFunction("_start");
            if (start is not null && !TryCallEntryPoint(start, "_start")) return Failure;
            return Success;
        }
        catch (WasmExitException exit)
        {
            return exit.ExitCode;
        }
        catch (WasmTrapException trap) when (trap.Code == TrapCode.Interrupted && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the run was cancelled", trap, cancellationToken);
        }
        catch (WasmTrapException trap)
        {
            var cause = trap.Code == TrapCode.Interrupted && settings.Timeout is { } limit ? string.Create(CultureInfo.InvariantCulture, $"timed out after {limit.TotalMilliseconds:0.###} ms") : "trapped";
            return Fail($"\"{settings.ModulePath}\" {cause}: {trap.Describe()}", Trapped);
        }
        catch (WasmLinkException ex)
        {
            return Fail($"failed to instantiate \"{settings.ModulePath}\": {ex.Message}");
        }
    }

    private bool TryConfigureWasi(RunSettings settings, List<Socket> listeners, out WasiConfiguration configuration)
    {
        configuration = new WasiConfiguration()
            .WithArgument(settings.Argv0 ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(settings.ModulePath)))
            .WithArguments(settings.Arguments)
            .WithStandardInput(input, terminals.Input)
            .WithStandardOutput(output, terminals.Output)
            .WithStandardError(error, terminals.Error);
        foreach (var setting in settings.Environment)
        {
            if (setting.Resolve(hostEnvironment) is { } value) configuration.WithEnvironmentVariable(setting.Name, value);
        }

        foreach (var directory in settings.Directories)
        {
            if (!Directory.Exists(directory.HostPath))
            {
                Fail($"--dir: host directory \"{directory.HostPath}\" does not exist");
                return false;
            }

            configuration.WithPreopenedDirectory(directory.HostPath, directory.GuestPath, directory.ReadOnly);
        }

        foreach (var listener in listeners) configuration.WithTcpListener(listener);
        return true;
    }

    private bool TryCallEntryPoint(Func function, string name)
    {
        if (function.Type.Parameters.Count != 0 || function.Type.Results.Count != 0)
        {
            Fail($"the module's {name} export has type {function.Type}; it must take and return nothing");
            return false;
        }

        function.Invoke();
        return true;
    }

    private int InvokeExport(Instance instance, Module module, string name, IReadOnlyList<string> texts)
    {
        var function = instance.GetFunction(name);
        if (function is null)
        {
            var functions = module.Exports.Where(e => e.Kind == ExternKind.Function).Select(e => e.Name);
            return Fail($"the module exports no function \"{name}\" (functions: {string.Join(", ", functions)})");
        }

        if (!TryParseArguments(function.Type, texts, out var args)) return Failure;
        foreach (var result in function.Invoke(args)) _output.WriteLine(result.ToString());
        return Success;
    }

    private bool TryParseArguments(FuncType type, IReadOnlyList<string> texts, out Value[] args)
    {
        args = new Value[type.Parameters.Count];
        if (texts.Count != args.Length)
        {
            Fail($"the function takes {args.Length} arguments ({type}), {texts.Count} given");
            return false;
        }

        for (var i = 0; i < args.Length; i++)
        {
            if (!ValueParser.TryParse(type.Parameters[i], texts[i], out args[i]))
            {
                Fail($"argument {i + 1} \"{texts[i]}\" is not a valid {ValueKinds.Name(type.Parameters[i])}");
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    private int Fail(string message, int exitCode = Failure)
    {
        _error.WriteLine("edgewasm run: " + message);
        return exitCode;
    }
}
