using System.IO.Pipes;
using System.Text;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Wasi;
using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Calls;

namespace EdgeWasm.Runtime.Tests.Wasi;

[Collection(MeasuredCollection.Name)]
public sealed class StandardStreamTests
{
    [Fact]
    public void Stdin_ReadsTheHostStreamThenEndOfFile()
    {
        using var guest = new GuestHarness(new WasiConfiguration().WithStandardInput(new MemoryStream("line one\nline two\n"u8.ToArray())));
        Assert.Equal((Errno.Success, "line"), guest.Read(0, 4));
        Assert.Equal((Errno.Success, " one\nline two\n"), guest.Read(0));
        Assert.Equal((Errno.Success, ""), guest.Read(0));
    }

    [Fact]
    public void Stdin_WithoutAStreamIsImmediatelyAtEndOfFile()
    {
        using var guest = new GuestHarness(new WasiConfiguration());
        Assert.Equal((Errno.Success, ""), guest.Read(0));
    }

    [Fact]
    public void Stdin_NonBlockingWithNoDataIsEagainThenReadsWhenDataArrives()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        using var guest = new GuestHarness(new WasiConfiguration().WithStandardInput(client));
        Assert.Equal(Errno.Success, guest.Call("fd_fdstat_set_flags", 0, (long)FdFlags.NonBlock));
        Assert.Equal(Errno.Again, guest.Read(0).Error);
        server.Write("late"u8);
        server.Flush();
        var buffer = guest.Alloc(16);
        var vecs = guest.IoVecs((buffer, 16));
        var count = guest.Alloc(4);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        Errno error;
        while ((error = guest.Call("fd_read", 0, vecs, 1, count)) == Errno.Again && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.Equal(Errno.Success, error);
        Assert.Equal("late", guest.ReadText(buffer, (int)guest.ReadU32(count)));
    }

    [Fact]
    public void Stdin_BlockingReadIsStoppedByTheInterruptWithAnInterruptedTrap()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        using var guest = new GuestHarness(new WasiConfiguration().WithStandardInput(client)) { Interrupt = interrupt.Token };
        var trap = Assert.Throws<WasmTrapException>(() => guest.Read(0));
        Assert.Equal(TrapCode.Interrupted, trap.Code);
    }

    [Fact]
    public void StdoutAndStderr_GoToTheirStreamsAndWithoutAStreamAreDiscarded()
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        using (var guest = new GuestHarness(new WasiConfiguration().WithStandardOutput(stdout).WithStandardError(stderr)))
        {
            Assert.Equal((Errno.Success, 3u), guest.Write(1, "out"));
            Assert.Equal((Errno.Success, 3u), guest.Write(2, "err"));
        }

        Assert.Equal("out", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("err", Encoding.UTF8.GetString(stderr.ToArray()));
        using var silent = new GuestHarness(new WasiConfiguration());
        Assert.Equal((Errno.Success, 5u), silent.Write(1, "void!"));
    }

    [Fact]
    public void Stdout_ClosedByTheHostIsEpipe()
    {
        var stdout = new MemoryStream();
        using var guest = new GuestHarness(new WasiConfiguration().WithStandardOutput(stdout));
        stdout.Dispose();
        Assert.Equal(Errno.Pipe, guest.Write(1, "x").Error);
    }

    [Fact]
    public void Stdio_IsNotSeekableAndNotATerminal()
    {
        using var guest = new GuestHarness(new WasiConfiguration());
        var position = guest.Alloc(8);
        Assert.Equal(Errno.Spipe, guest.Call("fd_seek", 1, 0, (long)Whence.Cur, position));
        var stat = guest.Alloc(24);
        Assert.Equal(Errno.Success, guest.Call("fd_fdstat_get", 1, stat));
        Assert.Equal((byte)FileType.Unknown, guest.Memory[stat]);
        Assert.Equal(0UL, guest.ReadU64(stat + 8) & (ulong)(Rights.FdSeek | Rights.FdTell));
    }

    [Fact]
    public void Stdio_TheHostSaysIsATerminal_IsACharacterDeviceWithoutSeekRights()
    {
        // wasi-libc's isatty(): file type character device and neither fd_seek nor fd_tell rights.
        using var guest = new GuestHarness(new WasiConfiguration().WithStandardOutput(Stream.Null, isTerminal: true));
        var stat = guest.Alloc(24);
        Assert.Equal(Errno.Success, guest.Call("fd_fdstat_get", 1, stat));
        Assert.Equal((byte)FileType.CharacterDevice, guest.Memory[stat]);
        Assert.Equal(0UL, guest.ReadU64(stat + 8) & (ulong)(Rights.FdSeek | Rights.FdTell));
        Assert.Equal(Errno.Success, guest.Call("fd_fdstat_get", 2, stat));
        Assert.Equal((byte)FileType.Unknown, guest.Memory[stat]);
    }

    [Fact]
    public void Flood_ThroughABoundedLogStream_KeepsHostMemoryFlat()
    {
        const int chunk = 64 * 1024;
        const int chunks = 4096; // 256 MiB in total
        var log = new BoundedLogStream(64 * 1024);
        using var guest = new GuestHarness(new WasiConfiguration().WithStandardOutput(log), memorySize: 2 * chunk);
        var data = guest.Alloc(chunk);
        guest.Memory.AsSpan((int)data, chunk).Fill((byte)'x');
        var vecs = guest.IoVecs((data, chunk));
        var result = guest.Alloc(4);

        // Call the context directly so the measurement is the WASI layer's, not the test harness's.
        var fdWrite = WasiImports.Find("fd_write")!;
        long[] arguments = [1, vecs, 1, result];
        var failures = 0;
        guest.Context.Invoke(fdWrite, guest.Memory, arguments, CancellationToken.None); // warm up
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i < chunks; i++)
        {
            guest.Memory[(int)data + chunk - 1] = (byte)('a' + (i % 26));
            if (guest.Context.Invoke(fdWrite, guest.Memory, arguments, CancellationToken.None) != 0) failures++;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;

        Console.WriteLine($"fd_write flood: {log.TotalWritten} bytes, {allocated} bytes allocated, heap growth {heapGrowth} bytes");
        Assert.Equal(0, failures);
        Assert.Equal((long)chunk * chunks, log.TotalWritten);
        Assert.Equal(log.TotalWritten - log.Capacity, log.Dropped);
        Assert.Equal((byte)('a' + ((chunks - 1) % 26)), log.ToArray()[^1]);
        Assert.True(allocated < 1024 * 1024, $"256 MiB of output allocated {allocated} bytes on the host");
        Assert.True(heapGrowth < 1024 * 1024, $"the managed heap grew by {heapGrowth} bytes");
    }
}
