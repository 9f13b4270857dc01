using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using EdgeWasm.TestSupport;

namespace EdgeWasm.EndToEnd.Tests.Demo;

/// <summary>The real <c>edgewasm demo</c> command (EdgeWasm.Cli.dll next to the tests) in a child process, and what its output says it started.</summary>
internal sealed partial class DemoRun : IDisposable
{
    private DemoRun(ChildProcess process) => Process = process;

    /// <summary>The demo process.</summary>
    public ChildProcess Process { get; }

    /// <summary>Starts <c>edgewasm demo --root REPO ARGS</c>.</summary>
    public static DemoRun Start(params string[] args) =>
        new(ChildProcess.StartDotNet(Path.Combine(AppContext.BaseDirectory, "EdgeWasm.Cli.dll"), ["demo", "--root", Fixtures.RepoRoot, .. args]));

    /// <summary>The demo's working folder, from its first line.</summary>
    public string WorkDirectory => FolderLine().Match(Process.Output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no folder line in: " + Process.Output);

    /// <summary>The private broker's port.</summary>
    public int BrokerPort => int.Parse(BrokerLine().Match(Process.Output).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The private registry's port.</summary>
    public int RegistryPort => int.Parse(RegistryLine().Match(Process.Output).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>Whether something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Process.Dispose();

    [GeneratedRegex(@"demo folder (\S+) \(logs")]
    private static partial Regex FolderLine();

    [GeneratedRegex(@"broker\s+mqtt://127\.0\.0\.1:(\d+)")]
    private static partial Regex BrokerLine();

    [GeneratedRegex(@"registry\s+http://127\.0\.0\.1:(\d+)")]
    private static partial Regex RegistryLine();
}
