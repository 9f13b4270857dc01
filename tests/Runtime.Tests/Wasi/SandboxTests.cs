using EdgeWasm.Runtime.Wasi;
using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Wasi;

/// <summary>
/// One test per escape route. The preopen is <c>outer/inner</c>; <c>outer/secret</c> sits just outside it, so
/// every escape that worked would find a real file. Expected errno values are Wasmtime's: EPERM for a path that
/// leaves the preopen and for changes inside a read-only one.
/// </summary>
public sealed class SandboxTests : IDisposable
{
    private const int Inner = GuestHarness.FirstPreopen;
    private const int ReadOnly = GuestHarness.FirstPreopen + 1;
    private readonly TempDirectory _outer = new("edgewasm-sandbox");
    private readonly GuestHarness _guest;

    public SandboxTests()
    {
        Directory.CreateDirectory(_outer.Combine("inner", "sub"));
        Directory.CreateDirectory(_outer.Combine("ro", "dir"));
        File.WriteAllText(_outer.Combine("secret"), "host secret");
        File.WriteAllText(_outer.Combine("ro", "config"), "read me");
        _guest = new GuestHarness(new WasiConfiguration()
            .WithPreopenedDirectory(_outer.Combine("inner"), "/data")
            .WithPreopenedDirectory(_outer.Combine("ro"), "/config", readOnly: true));
    }

    [Theory]
    [InlineData("/secret")]
    [InlineData("/etc/passwd")]
    [InlineData("//data/sub")]
    public void AbsolutePaths_AreEperm(string path) => Assert.Equal(Errno.Perm, _guest.TryOpen(Inner, path).Error);

    [Theory]
    [InlineData("../secret")]
    [InlineData("sub/../../secret")]
    [InlineData("sub/../sub/../../inner/../secret")]
    [InlineData("..")]
    [InlineData("./../inner")]
    public void DotDotAboveThePreopen_IsEperm(string path) => Assert.Equal(Errno.Perm, _guest.TryOpen(Inner, path).Error);

    [Fact]
    public void DotDotAboveADirectoryTheGuestOpened_IsEpermEvenInsideThePreopen()
    {
        var sub = _guest.Open(Inner, "sub", OFlags.Directory, RightSets.Directory);
        Assert.Equal(Errno.Perm, _guest.Path("path_create_directory", sub, "../escaped"));
        Assert.False(Directory.Exists(_outer.Combine("inner", "escaped")));
    }

    [Fact]
    public void HostSymlinkWithAnAbsoluteTarget_IsEperm()
    {
        File.CreateSymbolicLink(_outer.Combine("inner", "abs"), _outer.Combine("secret"));
        Assert.Equal(Errno.Perm, _guest.TryOpen(Inner, "abs").Error);
        Assert.Equal(Errno.Perm, _guest.Stat(Inner, "abs", LookupFlags.SymlinkFollow).Error);
    }

    [Fact]
    public void HostSymlinkClimbingOut_IsEperm()
    {
        File.CreateSymbolicLink(_outer.Combine("inner", "up"), "../secret");
        Directory.CreateSymbolicLink(_outer.Combine("inner", "sub", "outdir"), "../..");
        Assert.Equal(Errno.Perm, _guest.TryOpen(Inner, "up").Error);
        Assert.Equal(Errno.Perm, _guest.TryOpen(Inner, "sub/outdir/secret").Error);
        Assert.Equal(Errno.Perm, _guest.Path("path_unlink_file", Inner, "sub/outdir/secret"));
        Assert.True(File.Exists(_outer.Combine("secret")));
    }

    [Fact]
    public void SymlinkInTheMiddleOfAPath_IsResolvedInsideTheSandbox()
    {
        Directory.CreateSymbolicLink(_outer.Combine("inner", "alias"), "sub");
        File.WriteAllText(_outer.Combine("inner", "sub", "f"), "inside");
        Assert.Equal("inside", _guest.Read(_guest.Open(Inner, "alias/f", lookup: LookupFlags.None)).Text);
    }

    [Fact]
    public void GuestCreatedSymlinkPointingOut_IsRefusedAtCreation()
    {
        Assert.Equal(Errno.Perm, Symlink("../secret", "sub/../x"));
        Assert.Equal(Errno.Perm, Symlink("/etc/passwd", "y"));
        Assert.Equal(Errno.Perm, Symlink("sub/../../secret", "z"));
        Assert.Equal(["sub"], Directory.EnumerateFileSystemEntries(_outer.Combine("inner")).Select(Path.GetFileName));
    }

    [Fact]
    public void GuestCreatedSymlinkThatEscapesAfterARename_IsEpermWhenFollowed()
    {
        // "sub/link -> ../sub" is inside when created; moved up one level it would point at outer/sub.
        Directory.CreateDirectory(_outer.Combine("sub"));
        File.WriteAllText(_outer.Combine("sub", "loot"), "outside");
        Assert.Equal(Errno.Success, Symlink("../sub", "sub/link"));
        var (fp, fl) = _guest.Text("sub/link");
        var (tp, tl) = _guest.Text("link");
        Assert.Equal(Errno.Success, _guest.Call("path_rename", Inner, fp, fl, Inner, tp, tl));
        Assert.Equal(Errno.Perm, _guest.TryOpen(Inner, "link/loot").Error);
    }

    [Fact]
    public void ReadOnlyPreopen_AllowsReading()
    {
        Assert.Equal("read me", _guest.Read(_guest.Open(ReadOnly, "config", rights: Rights.FdRead)).Text);
        Assert.Equal(FileType.Directory, _guest.Stat(ReadOnly, "dir").Type);
    }

    [Fact]
    public void ReadOnlyPreopen_RefusesEveryChangeWithEperm()
    {
        Assert.Equal(Errno.Perm, _guest.TryOpen(ReadOnly, "new", OFlags.Create).Error);
        Assert.Equal(Errno.Perm, _guest.TryOpen(ReadOnly, "config", rights: Rights.FdRead | Rights.FdWrite).Error);
        Assert.Equal(Errno.Perm, _guest.TryOpen(ReadOnly, "config", OFlags.Truncate, Rights.FdRead).Error);
        Assert.Equal(Errno.Perm, _guest.TryOpen(ReadOnly, "config", rights: Rights.FdRead, fdflags: FdFlags.Append).Error);
        Assert.Equal(Errno.Perm, _guest.Path("path_create_directory", ReadOnly, "d2"));
        Assert.Equal(Errno.Perm, _guest.Path("path_unlink_file", ReadOnly, "config"));
        Assert.Equal(Errno.Perm, _guest.Path("path_remove_directory", ReadOnly, "dir"));
        var (sp, sl) = _guest.Text("config");
        var (dp, dl) = _guest.Text("moved");
        Assert.Equal(Errno.Perm, _guest.Call("path_rename", ReadOnly, sp, sl, ReadOnly, dp, dl));
        Assert.Equal(Errno.Perm, _guest.Call("path_rename", ReadOnly, sp, sl, Inner, dp, dl));
        Assert.Equal(Errno.Perm, _guest.Call("path_link", Inner, 0, sp, sl, ReadOnly, dp, dl));
        Assert.Equal(Errno.Perm, _guest.Call("path_symlink", sp, sl, ReadOnly, dp, dl));
        Assert.Equal(Errno.Perm, _guest.Call("path_filestat_set_times", ReadOnly, 0, sp, sl, 0, 0, (long)FstFlags.MtimNow));

        // A directory opened below a read-only preopen, and a file opened read-only in it, stay read-only.
        var dir = _guest.Open(ReadOnly, "dir", OFlags.Directory, RightSets.Directory);
        Assert.Equal(Errno.Perm, _guest.TryOpen(dir, "x", OFlags.Create).Error);
        var file = _guest.Open(ReadOnly, "config", rights: RightSets.RegularFile & ~RightSets.WriteAccess);
        Assert.Equal(Errno.Perm, _guest.Call("fd_filestat_set_times", file, 0, 0, (long)FstFlags.MtimNow));
        Assert.Equal(Errno.Perm, _guest.Call("fd_filestat_set_times", ReadOnly, 0, 0, (long)FstFlags.MtimNow));

        Assert.Equal(["config", "dir"], Directory.EnumerateFileSystemEntries(_outer.Combine("ro")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("read me", File.ReadAllText(_outer.Combine("ro", "config")));
    }

    [Theory]
    [InlineData("dir/nested/file\0")]
    [InlineData("a\0b")]
    public void EmbeddedNul_IsEinvalAsOnUnixInWasmtime(string path) => Assert.Equal(Errno.Inval, _guest.TryOpen(Inner, path).Error);

    [Fact]
    public void InvalidUtf8_IsEilseqAndEmptyIsEnoent()
    {
        var (p, l) = _guest.Bytes([0x66, 0xff, 0x66]);
        var result = _guest.Alloc(4);
        Assert.Equal(Errno.Ilseq, _guest.Call("path_open", Inner, 0, p, l, 0, (long)Rights.FdRead, 0, 0, result));
        Assert.Equal(Errno.NoEnt, _guest.TryOpen(Inner, "").Error);
    }

    private Errno Symlink(string target, string name)
    {
        var (tp, tl) = _guest.Text(target);
        var (np, nl) = _guest.Text(name);
        return _guest.Call("path_symlink", tp, tl, Inner, np, nl);
    }

    public void Dispose()
    {
        _guest.Dispose();
        _outer.Dispose();
    }
}
