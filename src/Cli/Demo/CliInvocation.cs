namespace EdgeWasm.Cli.Demo;

/// <summary>How to start this very <c>edgewasm</c> program again as a child (the bridge and the agents).</summary>
internal static class CliInvocation
{
    /// <summary>The program to start and the arguments that come before the subcommand.</summary>
    public static (string Program, IReadOnlyList<string> Prefix) Current()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown");
        // Run as `dotnet EdgeWasm.Cli.dll` (the edgewasm script does), the host needs the assembly; as the apphost, not.
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.Ordinal)
            ? (process, [typeof(CliInvocation).Assembly.Location])
            : (process, []);
    }
}
