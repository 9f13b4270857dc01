using EdgeWasm.Runtime;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Cli.Run;

/// <summary>
/// Runs a module for <c>edgewasm run</c>: loads it, instantiates it with the configured limits and invokes an
/// export with arguments parsed by its parameter types, printing the results one per line in wasm text style.
/// A trap prints its code and wasm backtrace to stderr. Imports come from <see cref="DefineImports"/> (the WASI
/// command support adds its functions there and a <c>_start</c> path).
/// </summary>
internal sealed class ModuleRunner(TextWriter output, TextWriter error)
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the module could not be loaded, linked or called as asked.</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a trap (as wasmtime: 128 + SIGABRT).</summary>
    public const int Trapped = 134;

    public int Run(RunSettings settings)
    {
        var options = new EngineOptions().WithFuel(settings.Fuel is not null);
        using var engine = new Engine(options);
        using var store = new Store(engine);
        if (settings.MaxMemory is { } maxMemory) store.Limits = new StoreLimits().WithMemorySize(maxMemory);
        if (settings.Fuel is { } fuel) store.SetFuel(fuel);
        try
        {
            var module = Module.FromFile(engine, settings.ModulePath);
            if (settings.Invoke is not { } name)
            {
                error.WriteLine("edgewasm run: --invoke NAME is required (the module's exports: " + string.Join(", ", module.Exports.Select(e => e.Name)) + ")");
                return Failure;
            }

            var linker = new Linker(engine);
            DefineImports(linker, store);
            if (settings.Timeout is { } timeout) store.SetDeadline(timeout);
            var instance = linker.Instantiate(store, module);
            var function = instance.GetFunction(name);
            if (function is null)
            {
                error.WriteLine($"edgewasm run: the module exports no function \"{name}\" (functions: {string.Join(", ", module.Exports.Where(e => e.Kind == ExternKind.Function).Select(e => e.Name))})");
                return Failure;
            }

            if (!TryParseArguments(function.Type, settings.Arguments, out var args)) return Failure;
            foreach (var result in function.Invoke(args)) output.WriteLine(result.ToString());
            return Success;
        }
        catch (WasmTrapException trap)
        {
            error.WriteLine(trap.Describe());
            return Trapped;
        }
        catch (WasmExitException exit)
        {
            return exit.ExitCode;
        }
        catch (Exception ex) when (ex is WasmException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"edgewasm run: {ex.Message}");
            return Failure;
        }
    }

    /// <summary>Defines what modules run from the command line may import. Nothing yet: WASI adds its functions here.</summary>
    private static void DefineImports(Linker linker, Store store)
    {
        _ = linker;
        _ = store;
    }

    private bool TryParseArguments(FuncType type, IReadOnlyList<string> texts, out Value[] args)
    {
        args = new Value[type.Parameters.Count];
        if (texts.Count != args.Length)
        {
            error.WriteLine($"edgewasm run: the function takes {args.Length} arguments ({type}), {texts.Count} given");
            return false;
        }

        for (var i = 0; i < args.Length; i++)
        {
            if (!ValueParser.TryParse(type.Parameters[i], texts[i], out args[i]))
            {
                error.WriteLine($"edgewasm run: argument {i + 1} \"{texts[i]}\" is not a valid {ValueKinds.Name(type.Parameters[i])}");
                return false;
            }
        }

        return true;
    }
}
