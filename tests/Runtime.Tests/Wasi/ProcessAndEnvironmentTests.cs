using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Wasi;
using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Tests.Wasi;

public sealed class ProcessAndEnvironmentTests
{
    [Fact]
    public void ArgsGet_LaysOutPointersAndNulTerminatedStrings()
    {
        using var guest = new GuestHarness(new WasiConfiguration().WithArgument("prog").WithArgument("héllo").WithArgument(""));
        var sizes = guest.Alloc(8);
        Assert.Equal(Errno.Success, guest.Call("args_sizes_get", sizes, sizes + 4));
        Assert.Equal(3u, guest.ReadU32(sizes));
        Assert.Equal(5u + 7u + 1u, guest.ReadU32(sizes + 4));

        var argv = guest.Alloc(12);
        var buffer = guest.Alloc(13);
        Assert.Equal(Errno.Success, guest.Call("args_get", argv, buffer));
        Assert.Equal(buffer, guest.ReadU32(argv));
        Assert.Equal("prog\0", guest.ReadText(guest.ReadU32(argv), 5));
        Assert.Equal("héllo\0", guest.ReadText(guest.ReadU32(argv + 4), 7));
        Assert.Equal(0, guest.Memory[guest.ReadU32(argv + 8)]);
    }

    [Fact]
    public void EnvironGet_ReturnsNameEqualsValue()
    {
        using var guest = new GuestHarness(new WasiConfiguration().WithEnvironmentVariable("A", "1").WithEnvironmentVariable("PATH", "/bin:/x=y"));
        var sizes = guest.Alloc(8);
        Assert.Equal(Errno.Success, guest.Call("environ_sizes_get", sizes, sizes + 4));
        Assert.Equal(2u, guest.ReadU32(sizes));
        var environ = guest.Alloc(8);
        var buffer = guest.Alloc((int)guest.ReadU32(sizes + 4));
        Assert.Equal(Errno.Success, guest.Call("environ_get", environ, buffer));
        Assert.Equal("A=1\0", guest.ReadText(guest.ReadU32(environ), 4));
        Assert.Equal("PATH=/bin:/x=y\0", guest.ReadText(guest.ReadU32(environ + 4), 15));
    }

    [Fact]
    public void Configuration_RejectsNulAndEqualsWhereWasiCannotCarryThem()
    {
        var configuration = new WasiConfiguration();
        Assert.Throws<ArgumentException>(() => configuration.WithArgument("a\0b"));
        Assert.Throws<ArgumentException>(() => configuration.WithEnvironmentVariable("A=B", "c"));
        Assert.Throws<ArgumentException>(() => configuration.WithEnvironmentVariable("A", "c\0"));
        Assert.Throws<DirectoryNotFoundException>(() => configuration.WithPreopenedDirectory("/no/such/dir/for/edgewasm", "/x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => configuration.WithMaxOpenFiles(2));
    }

    [Fact]
    public void ProcExit_UnwindsWithTheExitCode()
    {
        using var guest = new GuestHarness(new WasiConfiguration());
        var exit = Assert.Throws<WasmExitException>(() => guest.Call("proc_exit", 42));
        Assert.Equal(42, exit.ExitCode);
    }

    [Theory]
    [InlineData(0)]   // none
    [InlineData(16)]  // chld
    [InlineData(17)]  // cont
    [InlineData(22)]  // urg
    [InlineData(27)]  // winch
    public void ProcRaise_SignalsIgnoredByDefaultReturnSuccess(int signal)
    {
        using var guest = new GuestHarness(new WasiConfiguration());
        Assert.Equal(Errno.Success, guest.Call("proc_raise", signal));
    }

    [Theory]
    [InlineData(6, 134)]  // abrt: 128 + SIGABRT
    [InlineData(15, 143)] // term
    [InlineData(30, 159)] // sys: Linux SIGSYS is 31
    public void ProcRaise_TerminatingSignalsExitLikeAShellReportsThem(int signal, int exitCode)
    {
        using var guest = new GuestHarness(new WasiConfiguration());
        Assert.Equal(exitCode, Assert.Throws<WasmExitException>(() => guest.Call("proc_raise", signal)).ExitCode);
    }

    [Fact]
    public void ProcRaise_UnknownSignalIsEinval()
    {
        using var guest = new GuestHarness(new WasiConfiguration());
        Assert.Equal(Errno.Inval, guest.Call("proc_raise", 31));
    }

    [Fact]
    public void SchedYield_Succeeds()
    {
        using var guest = new GuestHarness(new WasiConfiguration());
        Assert.Equal(Errno.Success, guest.Call("sched_yield"));
    }

    [Fact]
    public void RandomGet_FillsTheBufferWithDifferentBytesEachTime()
    {
        using var guest = new GuestHarness(new WasiConfiguration());
        var a = guest.Alloc(4096);
        var b = guest.Alloc(4096);
        Assert.Equal(Errno.Success, guest.Call("random_get", a, 4096));
        Assert.Equal(Errno.Success, guest.Call("random_get", b, 4096));
        var first = guest.Memory.AsSpan((int)a, 4096);
        var second = guest.Memory.AsSpan((int)b, 4096);
        Assert.False(first.SequenceEqual(second));

        // Every byte value should appear in 4 KiB of uniform random data (the chance one is missing is ~1e-5).
        Assert.Equal(256, first.ToArray().Concat(second.ToArray()).Distinct().Count());
    }
}
