using System.CommandLine;

namespace EdgeWasm.Cli;

/// <summary>The <c>edgewasm</c> command. Each subcommand lives in its own folder and is added here.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("EdgeWasm: WebAssembly workloads on edge devices, deployed with kubectl.");
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command);
        }

        // Long-running commands (agent) stop gracefully on SIGTERM: give them time to stop their workloads.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(1) };
        return root.Parse(Run.RunCommand.SeparateFunctionArguments(root, args)).InvokeAsync(invocation);
    }

    private static IEnumerable<Command> Commands()
    {
        yield return Run.RunCommand.Create();
        yield return Push.PushCommand.Create();
        yield return Bridge.BridgeCommand.Create();
        yield return Agent.AgentCommand.Create();
        yield return Calibrate.CalibrateCommand.Create();
    }
}
