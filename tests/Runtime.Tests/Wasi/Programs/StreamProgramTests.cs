using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeWasm.Runtime.Wasi;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Wasi.Programs;

/// <summary>Programs that stream: a stdout flood into a bounded capture, and a TCP echo server on a preopened listener.</summary>
[Collection(MeasuredCollection.Name)]
public sealed class StreamProgramTests
{
    [Fact]
    public async Task StdoutFlood_IntoABoundedLogStream_KeepsHostMemoryBoundedAndTheTailMatchesNative()
    {
        const int mebibytes = 64;
        var log = new BoundedLogStream(1 << 20);
        var program = new WasmProgram("wasi_flood")
        {
            Arguments = { mebibytes.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Configure = c => c.WithStandardOutput(log),
        };

        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var run = program.Run();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;

        var native = await new NativeProgram("wasi_flood") { Arguments = { mebibytes.ToString(System.Globalization.CultureInfo.InvariantCulture) } }.RunAsync(CancellationToken.None);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(native.Stderr, run.Stderr);
        Assert.Equal(Encoding.UTF8.GetByteCount(native.Stdout), log.TotalWritten);
        Assert.True(log.TotalWritten >= mebibytes << 20);
        var tail = Encoding.UTF8.GetBytes(native.Stdout)[^log.Capacity..];
        Assert.Equal(tail, log.ToArray());

        // 64 MiB went through; the host kept 1 MiB of it. What the whole run allocated (module compilation
        // included) stays far below the output size, and the heap does not keep it.
        Assert.True(allocated < 32L << 20, $"the run allocated {allocated} bytes for {log.TotalWritten} bytes of output");
        Assert.True(heapGrowth < 4L << 20, $"the heap grew by {heapGrowth} bytes");
        Console.WriteLine($"flood: {log.TotalWritten} bytes written, {allocated} bytes allocated, heap growth {heapGrowth} bytes");
    }

    [Fact]
    public async Task EchoServer_OnAPreopenedListener_ServesRealClients()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var scratch = new TempDirectory();
        var program = new WasmProgram("wasi_echo_server")
        {
            // One preopen at fd 3, so the listener is fd 4.
            Arguments = { "4", "2" },
            Configure = c => c.WithPreopenedDirectory(scratch.Path, "/tmp").WithTcpListener(listener),
        };
        var server = Task.Run(program.Run);
        var stopwatch = Stopwatch.StartNew();
        for (var client = 0; client < 2; client++)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync((IPEndPoint)listener.LocalEndPoint!);
            var stream = tcp.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            foreach (var line in new[] { "hello\n", $"client {client}\n", "the quick brown fox\n" })
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(line));
                Assert.Equal(line.TrimEnd('\n').ToUpperInvariant(), await reader.ReadLineAsync());
            }

            tcp.Client.Shutdown(SocketShutdown.Send);
            Assert.Null(await reader.ReadLineAsync());
        }

        var run = await server.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("connection 1 accepted\nconnection 1 closed after 35 bytes\nconnection 2 accepted\nconnection 2 closed after 35 bytes\n", run.Stdout);
        Console.WriteLine($"echo: two clients served in {stopwatch.ElapsedMilliseconds} ms");
    }
}
