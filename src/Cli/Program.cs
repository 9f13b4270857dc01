using System.CommandLine;
using System.CommandLine.Help;

namespace EdgeWasm.Cli;

/// <summary>The <c>edgewasm</c> command. Each subcommand lives in its own folder and is added here.</summary>
internal static class Program
{
    /// <summary>The command's name in help and usage.</summary>
    public const string Name = "edgewasm";

    public static Task<int> Main(string[] args)
    {
        var root = CreateRoot();

        // Long-running commands (agent) stop gracefully on SIGTERM: give them time to stop their workloads.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(1) };
        return root.Parse(Run.RunCommand.SeparateGuestArguments(root, args)).InvokeAsync(invocation);
    }

    /// <summary>
    /// The root command. A RootCommand takes its name from the entry assembly (EdgeWasm.Cli, which other projects'
    /// InternalsVisibleTo names), so the root is a plain command named edgewasm with the help and version options
    /// a RootCommand would add.
    /// </summary>
    public static Command CreateRoot()
    {
        var root = new Command(Name, "EdgeWasm: WebAssembly workloads on edge devices, deployed with kubectl.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static IEnumerable<Command> Commands()
    {
        yield return Run.RunCommand.Create();
        yield return Push.PushCommand.Create();
        yield return Bridge.BridgeCommand.Create();
        yield return Agent.AgentCommand.Create();
        yield return Calibrate.CalibrateCommand.Create();
        yield return Demo.DemoCommand.Create();
    }
}
