using System.CommandLine;
using EdgeWasm.Cli.Run;

namespace EdgeWasm.Cli.Demo;

/// <summary>
/// <c>edgewasm demo [--for DURATION | --until-settled [--timeout DURATION]] [--keep] [--dir DIR] [--kubeconfig FILE [--context NAME]]</c>:
/// the whole loop on this machine (docs/demo.md). The <c>./edgewasm demo</c> script installs what is missing and builds first.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var root = new Option<string?>("--root") { Description = "The EdgeWasm repository (examples/); default: found from the current folder", HelpName = "DIR" };
        var duration = new Option<string?>("--for") { Description = "Run this long (e.g. 30s, 2m), print the table, exit 0 if every example reached its expected state", HelpName = "DURATION" };
        var untilSettled = new Option<bool>("--until-settled") { Description = "Exit 0 as soon as every example reached its expected state (1 after --timeout)" };
        var timeout = new Option<string>("--timeout") { Description = "The longest --until-settled waits", DefaultValueFactory = _ => "5m", HelpName = "DURATION" };
        var keep = new Option<bool>("--keep") { Description = "Keep the demo's folder (logs, stores, status file) afterwards" };
        var dir = new Option<string?>("--dir") { Description = "Work in this folder instead of a temporary one (kept)", HelpName = "DIR" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Use a real cluster: create the example pods there and serve the devices as its nodes", HelpName = "FILE" };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context (default: the current one)", HelpName = "NAME" };
        var command = new Command("demo", "The whole loop on this machine: broker, registry, bridge, three simulated devices running the examples, a live table")
        {
            root, duration, untilSettled, timeout, keep, dir, kubeconfig, context,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            TimeSpan? runFor = null;
            if (parse.GetValue(duration) is { } text)
            {
                if (!SizeParser.TryParseDuration(text, out var parsed) || parsed <= TimeSpan.Zero)
                {
                    await error.WriteLineAsync($"edgewasm demo: --for \"{text}\" is not a duration (e.g. 30s)");
                    return 2;
                }

                runFor = parsed;
            }

            if (!SizeParser.TryParseDuration(parse.GetValue(timeout)!, out var limit) || limit <= TimeSpan.Zero)
            {
                await error.WriteLineAsync($"edgewasm demo: --timeout \"{parse.GetValue(timeout)}\" is not a duration (e.g. 5m)");
                return 2;
            }

            if (runFor is not null && parse.GetValue(untilSettled))
            {
                await error.WriteLineAsync("edgewasm demo: give --for or --until-settled, not both");
                return 2;
            }

            var repository = parse.GetValue(root) ?? FindRoot(Directory.GetCurrentDirectory());
            if (repository is null || !Directory.Exists(Path.Combine(repository, "examples")))
            {
                await error.WriteLineAsync("edgewasm demo: cannot find the repository's examples/ folder; run it as ./edgewasm demo or give --root");
                return 2;
            }

            var settings = new DemoSettings
            {
                Root = Path.GetFullPath(repository),
                WorkDirectory = parse.GetValue(dir) is { } d ? Path.GetFullPath(d) : null,
                Keep = parse.GetValue(keep),
                Duration = runFor,
                UntilSettled = parse.GetValue(untilSettled),
                Timeout = limit,
                Kubeconfig = parse.GetValue(kubeconfig),
                Context = parse.GetValue(context),
            };
            return await new DemoOrchestrator(settings, parse.InvocationConfiguration.Output, error, TimeProvider.System).RunAsync(cancellationToken);
        });
        return command;
    }

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "examples", "build.sh"))) return dir.FullName;
        }

        return null;
    }
}
