using EdgeWasm.Runtime.Wasi;
using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Calls;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Wasi;

/// <summary>Guest pointers and lengths that leave linear memory get EFAULT and never a host exception.</summary>
public sealed class BadPointerTests : IDisposable
{
    private const long Outside = 1 << 20;      // the harness memory is exactly 1 MiB
    private const long LastByte = Outside - 1;
    private readonly TempDirectory _root = new("edgewasm-fault");
    private readonly MemoryStream _stdout = new();
    private readonly GuestHarness _guest;

    public BadPointerTests()
    {
        File.WriteAllText(_root.Combine("file"), "content");
        _guest = new GuestHarness(new WasiConfiguration()
            .WithArgument("a").WithEnvironmentVariable("K", "V")
            .WithStandardInput(new MemoryStream("stdin data"u8.ToArray()))
            .WithStandardOutput(_stdout)
            .WithPreopenedDirectory(_root.Path, "/d"));
    }

    public static TheoryData<string, long[]> Calls => new()
    {
        { "args_sizes_get", [Outside, 0] },
        { "args_get", [LastByte, 64] },
        { "args_get", [64, Outside] },
        { "environ_sizes_get", [0, LastByte] },
        { "environ_get", [Outside - 2, 64] },
        { "clock_time_get", [0, 0, LastByte - 3] },
        { "clock_res_get", [1, Outside] },
        { "random_get", [LastByte, 2] },
        { "random_get", [0xffff_ffff, 2] },
        { "fd_fdstat_get", [3, LastByte - 8] },
        { "fd_filestat_get", [3, Outside - 63] },
        { "fd_prestat_get", [3, LastByte] },
        { "fd_prestat_dir_name", [3, LastByte, 2] },
        { "fd_write", [1, Outside, 1, 64] },
        { "fd_write", [1, 64, 1, Outside] },
        { "fd_read", [0, Outside - 4, 1, 64] },
        { "fd_pread", [0, Outside, 1, 0, 64] },
        { "fd_seek", [3, 0, 0, LastByte] },
        { "fd_tell", [3, Outside] },
        { "fd_readdir", [3, LastByte, 100, 0, 64] },
        { "path_open", [3, 0, LastByte, 10, 0, 0, 0, 0, 64] },
        { "path_open", [3, 0, 0xffff_fff0, 0x20, 0, 0, 0, 0, 64] },
        { "path_create_directory", [3, Outside, 1] },
        { "path_filestat_get", [3, 0, 64, 1, Outside] },
        { "path_readlink", [3, 64, 1, LastByte, 10, 128] },
        { "path_symlink", [Outside, 1, 3, 64, 1] },
        { "path_rename", [3, 64, 1, 3, Outside, 4] },
        { "path_unlink_file", [3, LastByte, 5] },
        { "poll_oneoff", [LastByte - 40, 64, 1, 128] },
        { "poll_oneoff", [64, Outside, 1, 128] },
        { "sock_accept", [3, 0, Outside] },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void OutOfBoundsPointer_IsEfault(string call, long[] arguments) =>
        Assert.Equal(Errno.Fault, _guest.Call(call, arguments));

    [Fact]
    public void IovecPointingOutside_IsEfaultBeforeAnyDataMoves()
    {
        var good = _guest.Alloc(16);
        var vecs = _guest.IoVecs((good, 4), ((uint)LastByte, 8));
        var result = _guest.Alloc(4);
        Assert.Equal(Errno.Fault, _guest.Call("fd_write", 1, vecs, 2, result));
        Assert.Equal(0, _stdout.Length);

        // stdin is still untouched: the faulting read consumed nothing.
        Assert.Equal(Errno.Fault, _guest.Call("fd_read", 0, vecs, 2, result));
        Assert.Equal("stdin data", _guest.Read(0).Text);
    }

    [Fact]
    public void IovecArrayLongerThanIovMax_IsEinval()
    {
        var result = _guest.Alloc(4);
        Assert.Equal(Errno.Inval, _guest.Call("fd_write", 1, 64, IoVec.MaxCount + 1, result));
    }

    [Fact]
    public void EveryImport_WithEveryPointerArgumentAtTheEndOfMemory_NeverThrows()
    {
        // A blunt sweep: each import, every argument set to an address just past memory (or a huge length).
        foreach (var import in WasiImports.All.Where(i => i.Name is not ("proc_exit" or "proc_raise" or "poll_oneoff" or "sock_accept" or "fd_read")))
        {
            for (var bad = 0; bad < import.Type.Parameters.Count; bad++)
            {
                var arguments = new long[import.Type.Parameters.Count];
                for (var i = 0; i < arguments.Length; i++) arguments[i] = i == 0 ? 3 : 8;
                arguments[bad] = bad == 0 ? 3 : Outside - 1;
                var error = _guest.Call(import.Name, arguments);
                Assert.True(Enum.IsDefined(error), $"{import.Name} returned {error}");
            }
        }
    }

    public void Dispose()
    {
        _guest.Dispose();
        _root.Dispose();
        _stdout.Dispose();
    }
}
