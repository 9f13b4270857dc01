using System.CommandLine;
using Microsoft.Win32.SafeHandles;

namespace EdgeWasm.Cli.Run;

/// <summary>
/// <c>edgewasm run [--dir HOST::GUEST[:ro]] [--env NAME[=VALUE]] [--tcplisten HOST:PORT] [--fuel N] [--max-memory SIZE]
/// [--timeout T] [--invoke NAME] [--argv0 NAME] module.wasm [ARGS...]</c>, after <c>wasmtime run</c>. Options come
/// before the module; every token after it goes to the guest, even one that looks like an option.
/// </summary>
internal static class RunCommand
{
    private delegate bool Parser<T>(string text, out T? value, out string error);

    public static Command Create()
    {
        var dir = new Option<string[]>("--dir") { Description = "Let the guest see a host directory: HOST::GUEST, or DIR for the same path on both sides; add :ro for read-only. Repeatable.", HelpName = "HOST::GUEST[:ro]" };
        var env = new Option<string[]>("--env") { Description = "Set NAME=VALUE in the guest's environment, or pass the host's NAME. Repeatable; nothing else is inherited.", HelpName = "NAME[=VALUE]" };
        var tcpListen = new Option<string[]>("--tcplisten") { Description = "Listen on HOST:PORT and hand the socket to the guest as a preopened descriptor (numbered after the --dir ones). Repeatable.", HelpName = "HOST:PORT" };
        var fuel = new Option<ulong?>("--fuel") { Description = "Meter fuel and trap with OutOfFuel after N units (1 per wasm instruction).", HelpName = "N" };
        var maxMemory = new Option<string?>("--max-memory") { Description = "Limit linear memory, e.g. 64MiB, 512KiB, 1048576.", HelpName = "SIZE" };
        var timeout = new Option<string?>("--timeout") { Description = "Interrupt the guest after this long, e.g. 5s, 250ms, 2m.", HelpName = "DURATION" };
        var invoke = new Option<string?>("--invoke") { Description = "Call this export instead of _start, with ARGS as its arguments, and print its results.", HelpName = "NAME" };
        var argv0 = new Option<string?>("--argv0") { Description = "The guest's argv[0] (default: the module's file name).", HelpName = "NAME" };
        var module = new Argument<string>("module") { Description = "The .wasm file." };
        var args = new Argument<string[]>("args") { Description = "The guest's arguments (with --invoke, the function's).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("run", "Run a WebAssembly module: a WASI command's _start, or an export with --invoke.")
        {
            dir, env, tcpListen, fuel, maxMemory, timeout, invoke, argv0, module, args,
        };

        command.SetAction(parse =>
        {
            var error = Console.Error;
            // & rather than &&: every bad value is reported, so one attempt shows all that needs fixing.
            var valid = TryParseAll<DirectoryMapping>(parse.GetValue(dir), DirectoryMapping.TryParse, error, out var directories)
                & TryParseAll<EnvironmentSetting>(parse.GetValue(env), EnvironmentSetting.TryParse, error, out var environment)
                & TryParseAll<ListenAddress>(parse.GetValue(tcpListen), ListenAddress.TryParse, error, out var listen);
            if (!valid) return ModuleRunner.Failure;

            long? maxBytes = null;
            if (parse.GetValue(maxMemory) is { } sizeText)
            {
                if (!SizeParser.TryParseSize(sizeText, out var bytes) || bytes > 65536L * 65536L)
                {
                    error.WriteLine($"edgewasm run: --max-memory \"{sizeText}\" is not a size up to 4GiB (e.g. 64MiB)");
                    return ModuleRunner.Failure;
                }

                maxBytes = bytes;
            }

            TimeSpan? limit = null;
            if (parse.GetValue(timeout) is { } timeText)
            {
                if (!SizeParser.TryParseDuration(timeText, out var duration))
                {
                    error.WriteLine($"edgewasm run: --timeout \"{timeText}\" is not a duration (e.g. 5s, 250ms)");
                    return ModuleRunner.Failure;
                }

                limit = duration;
            }

            var settings = new RunSettings(parse.GetValue(module)!, parse.GetValue(invoke), parse.GetValue(args) ?? [])
            {
                Fuel = parse.GetValue(fuel),
                MaxMemory = maxBytes,
                Timeout = limit,
                Directories = directories,
                Environment = environment,
                TcpListen = listen,
                Argv0 = parse.GetValue(argv0),
            };
            using var stdin = Console.OpenStandardInput();
            using var stdout = OpenOutput(1);
            using var stderr = OpenOutput(2);
            // As wasmtime: a stream that is a terminal is shown to the guest as one (isatty, line-buffered stdout).
            var terminals = new StandardTerminals(!Console.IsInputRedirected, !Console.IsOutputRedirected, !Console.IsErrorRedirected);
            using var runner = new ModuleRunner(stdin, stdout, stderr, Environment.GetEnvironmentVariable, terminals);
            using var signals = new TerminationSignals();
            try
            {
                return runner.Run(settings, signals.Token);
            }
            catch (OperationCanceledException)
            {
                return signals.ExitCode;
            }
        });

        return command;
    }

    /// <summary>
    /// For <c>run</c>, inserts <c>--</c> after the module path, so the parser takes every later token as a guest
    /// argument. The options that take a value are read from the command itself, so options added later count too.
    /// </summary>
    public static string[] SeparateGuestArguments(Command root, string[] args)
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

    /// <summary>
    /// The process's stdout or stderr, unbuffered. A pipe or terminal gets a FileStream over the descriptor, because
    /// Console's stream drops writes to a closed pipe silently (a guest piped into <c>head</c> would write forever);
    /// with a FileStream the write fails and the guest gets an error from fd_write, as under wasmtime. A regular file
    /// keeps Console's stream: a FileStream would write at offsets it tracks itself and ignore O_APPEND and others
    /// sharing the descriptor.
    /// </summary>
    private static Stream OpenOutput(int fd)
    {
        var console = fd == 1 ? Console.OpenStandardOutput() : Console.OpenStandardError();
        if (OperatingSystem.IsWindows()) return console;
        var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        if (!stream.CanSeek)
        {
            console.Dispose();
            return stream;
        }

        stream.Dispose();
        return console;
    }

    private static bool TryParseAll<T>(string[]? texts, Parser<T> parse, TextWriter error, out List<T> values)
    {
        values = [];
        var valid = true;
        foreach (var text in texts ?? [])
        {
            if (parse(text, out var value, out var message)) values.Add(value!);
            else
            {
                error.WriteLine("edgewasm run: " + message);
                valid = false;
            }
        }

        return valid;
    }
}
