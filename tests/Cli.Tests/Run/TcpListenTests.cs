using System.Net.Sockets;
using System.Text;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Run;

/// <summary><c>--tcplisten</c>: the CLI binds the address and the guest accepts on it; a real TCP client talks to it.</summary>
public sealed class TcpListenTests
{
    [Fact]
    public async Task EchoServer_ServesRealClients_OnTheListenerAtFd3()
    {
        var port = FreePort.Next();
        var server = CliProcess.RunAsync(CancellationToken.None, "run", "--tcplisten", $"127.0.0.1:{port}", Fixtures.Wasm("wasi_echo_server"), "3", "2");

        Assert.Equal("HELLO, EDGE\nSECOND LINE\n", await ExchangeAsync("127.0.0.1", port, "hello, edge\nsecond line\n"));
        Assert.Equal("AGAIN\n", await ExchangeAsync("127.0.0.1", port, "again\n"));
        var run = await server;

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("connection 1 accepted\nconnection 1 closed after 24 bytes\nconnection 2 accepted\nconnection 2 closed after 6 bytes\n", run.Output);
    }

    [Fact]
    public async Task Listeners_AreNumberedAfterTheDirectories()
    {
        using var directory = new TempDirectory("edgewasm-cli-tcp");
        var port = FreePort.Next();
        var server = CliProcess.RunAsync(CancellationToken.None, "run", "--dir", $"{directory.Path}::/data", "--tcplisten", $"localhost:{port}", Fixtures.Wasm("wasi_echo_server"), "4", "1");

        Assert.Equal("PING\n", await ExchangeAsync("localhost", port, "ping\n"));
        var run = await server;

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task AnAddressInUse_IsAClearError()
    {
        using var taken = new TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var address = taken.LocalEndpoint.ToString()!;

        var run = await CliProcess.RunAsync(CancellationToken.None, "run", "--tcplisten", address, Fixtures.Wasm("hello"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"--tcplisten \"{address}\": failed to bind: Address already in use", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    // Connects (retrying while the CLI starts), sends the text, closes the sending side and reads until the server closes.
    private static async Task<string> ExchangeAsync(string host, int port, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = await ConnectAsync(host, port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), timeout.Token);
        client.Client.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(timeout.Token);
    }

    private static async Task<TcpClient> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync(host, port, cancellationToken);
                return client;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
            {
                client.Dispose();
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
