using System.CommandLine;

namespace EdgeWasm.Cli.Run;

/// <summary>
/// <c>edgewasm run [--fuel N] [--max-memory 64MiB] [--timeout 5s] --invoke NAME module.wasm [args...]</c>.
/// Options come before the module; every token after it is an argument of the invoked function, even one that
/// looks like an option (so <c>-5</c> is a number).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var fuel = new Option<ulong?>("--fuel") { Description = "Meter fuel and trap with OutOfFuel after N units (1 per wasm instruction)." };
        var maxMemory = new Option<string?>("--max-memory") { Description = "Limit linear memory, e.g. 64MiB, 512KiB, 1048576.", HelpName = "SIZE" };
        var timeout = new Option<string?>("--timeout") { Description = "Interrupt the guest after this long, e.g. 5s, 250ms, 2m.", HelpName = "DURATION" };
        var invoke = new Option<string?>("--invoke") { Description = "The exported function to call.", HelpName = "NAME" };
        var module = new Argument<string>("module") { Description = "The .wasm file." };
        var args = new Argument<string[]>("args") { Description = "The function's arguments, parsed by its parameter types.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("run", "Run a WebAssembly module: invoke an exported function and print its results.")
        {
            fuel, maxMemory, timeout, invoke, module, args,
        };

        command.SetAction(parse =>
        {
            long? maxBytes = null;
            if (parse.GetValue(maxMemory) is { } sizeText)
            {
                if (!SizeParser.TryParseSize(sizeText, out var bytes) || bytes > 65536L * 65536L)
                {
                    Console.Error.WriteLine($"edgewasm run: --max-memory \"{sizeText}\" is not a size up to 4GiB (e.g. 64MiB)");
                    return ModuleRunner.Failure;
                }

                maxBytes = bytes;
            }

            TimeSpan? limit = null;
            if (parse.GetValue(timeout) is { } timeText)
            {
                if (!SizeParser.TryParseDuration(timeText, out var duration))
                {
                    Console.Error.WriteLine($"edgewasm run: --timeout \"{timeText}\" is not a duration (e.g. 5s, 250ms)");
                    return ModuleRunner.Failure;
                }

                limit = duration;
            }

            var settings = new RunSettings(parse.GetValue(module)!, parse.GetValue(invoke), parse.GetValue(args) ?? [])
            {
                Fuel = parse.GetValue(fuel),
                MaxMemory = maxBytes,
                Timeout = limit,
            };
            return new ModuleRunner(Console.Out, Console.Error).Run(settings);
        });

        return command;
    }

    /// <summary>
    /// For <c>run</c>, inserts <c>--</c> after the module path, so the parser takes every later token as a function
    /// argument. The options that take a value are read from the command itself, so options added later count too.
    /// </summary>
    public static string[] SeparateFunctionArguments(RootCommand root, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        var run = root.Subcommands.FirstOrDefault(c => c.Name == "run");
        if (run is null || args.Length == 0 || args[0] != run.Name) return args;
        var takesValue = run.Options
            .Where(o => o.Arity.MaximumNumberOfValues > 0)
            .SelectMany(o => o.Aliases.Append(o.Name))
            .ToHashSet(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var token = args[i];
            if (token == "--") return args;
            if (takesValue.Contains(token))
            {
                i++;
                continue;
            }

            if (token.StartsWith('-')) continue;
            return [.. args[..(i + 1)], "--", .. args[(i + 1)..]];
        }

        return args;
    }
}
