using System.Diagnostics;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Run;

/// <summary>Runs the built <c>edgewasm</c> CLI (EdgeWasm.Cli.dll next to the tests) as a child process.</summary>
public static class CliProcess
{
    private static string Cli
    {
        get
        {
            var cli = Path.Combine(AppContext.BaseDirectory, "EdgeWasm.Cli.dll");
            Assert.True(File.Exists(cli), $"{cli} was not built");
            return cli;
        }
    }

    public static Task<ProcessRun> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        RunAsync(args, stdin: null, environment: null, cancellationToken);

    /// <summary>Runs <c>edgewasm ARGS</c> with <paramref name="stdin"/> as its input and extra <paramref name="environment"/> variables.</summary>
    public static Task<ProcessRun> RunAsync(IEnumerable<string> args, string? stdin, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotNetHost.Path);
        start.ArgumentList.Add(Cli);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return ProcessRun.RunAsync(start, stdin, cancellationToken);
    }

    /// <summary>Runs a C fixture built natively with glibc, with exactly <paramref name="environment"/> (nothing inherited).</summary>
    public static Task<ProcessRun> RunNativeAsync(string fixture, IEnumerable<string> args, string? stdin, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Fixtures.Native(fixture));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Clear();
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return ProcessRun.RunAsync(start, stdin, cancellationToken);
    }
}
