using EdgeWasm.Runtime.Wasi;
using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Wasi;

public sealed class FileDescriptorTests : IDisposable
{
    private const int Dir = GuestHarness.FirstPreopen;
    private readonly TempDirectory _root = new("edgewasm-wasi");
    private readonly GuestHarness _guest;

    public FileDescriptorTests() =>
        _guest = new GuestHarness(new WasiConfiguration().WithPreopenedDirectory(_root.Path, "/data"));

    [Fact]
    public void WriteSeekRead_RoundTripsThroughAHostFile()
    {
        var fd = _guest.Open(Dir, "file.txt", OFlags.Create);
        Assert.Equal((Errno.Success, 11u), _guest.Write(fd, "hello world"));
        Assert.Equal("hello world", File.ReadAllText(_root.Combine("file.txt")));

        var position = _guest.Alloc(8);
        Assert.Equal(Errno.Success, _guest.Call("fd_seek", fd, 6, (long)Whence.Set, position));
        Assert.Equal(6UL, _guest.ReadU64(position));
        Assert.Equal((Errno.Success, "world"), _guest.Read(fd));
        Assert.Equal(Errno.Success, _guest.Call("fd_tell", fd, position));
        Assert.Equal(11UL, _guest.ReadU64(position));
        Assert.Equal(Errno.Success, _guest.Call("fd_seek", fd, -5, (long)Whence.End, position));
        Assert.Equal(6UL, _guest.ReadU64(position));
    }

    [Fact]
    public void Seek_BeforeTheStartIsEinvalAndBadWhenceIsEinval()
    {
        var fd = _guest.Open(Dir, "f", OFlags.Create);
        var position = _guest.Alloc(8);
        Assert.Equal(Errno.Inval, _guest.Call("fd_seek", fd, -1, (long)Whence.Set, position));
        Assert.Equal(Errno.Inval, _guest.Call("fd_seek", fd, 0, 3, position));
    }

    [Fact]
    public void ScatterGather_ReadsAndWritesSeveralBuffers()
    {
        var fd = _guest.Open(Dir, "v", OFlags.Create);
        var (a, al) = _guest.Text("abc");
        var (b, bl) = _guest.Text("defg");
        var result = _guest.Alloc(4);
        Assert.Equal(Errno.Success, _guest.Call("fd_write", fd, _guest.IoVecs(((uint)a, (uint)al), (0, 0), ((uint)b, (uint)bl)), 3, result));
        Assert.Equal(7u, _guest.ReadU32(result));

        var x = _guest.Alloc(2);
        var y = _guest.Alloc(10);
        Assert.Equal(Errno.Success, _guest.Call("fd_pread", fd, _guest.IoVecs((x, 2), (y, 10)), 2, 1, result));
        Assert.Equal(6u, _guest.ReadU32(result));
        Assert.Equal("bc", _guest.ReadText(x, 2));
        Assert.Equal("defg", _guest.ReadText(y, 4));
    }

    [Fact]
    public void PwriteAndPread_DoNotMoveTheOffset()
    {
        var fd = _guest.Open(Dir, "p", OFlags.Create);
        _guest.Write(fd, "0123456789");
        var (text, length) = _guest.Text("XY");
        var result = _guest.Alloc(4);
        Assert.Equal(Errno.Success, _guest.Call("fd_pwrite", fd, _guest.IoVecs(((uint)text, (uint)length)), 1, 3, result));
        Assert.Equal(2u, _guest.ReadU32(result));
        var position = _guest.Alloc(8);
        Assert.Equal(Errno.Success, _guest.Call("fd_tell", fd, position));
        Assert.Equal(10UL, _guest.ReadU64(position));
        Assert.Equal("012XY56789", File.ReadAllText(_root.Combine("p")));
    }

    [Fact]
    public void Append_WritesAtTheEndUntilTheFlagIsCleared()
    {
        File.WriteAllText(_root.Combine("log"), "one\n");
        var fd = _guest.Open(Dir, "log", fdflags: FdFlags.Append);
        var position = _guest.Alloc(8);
        _guest.Call("fd_seek", fd, 0, (long)Whence.Set, position);
        _guest.Write(fd, "two\n");
        Assert.Equal("one\ntwo\n", File.ReadAllText(_root.Combine("log")));

        var stat = _guest.Alloc(24);
        Assert.Equal(Errno.Success, _guest.Call("fd_fdstat_get", fd, stat));
        Assert.Equal((ushort)FdFlags.Append, _guest.ReadU16(stat + 2));
        Assert.Equal(Errno.Success, _guest.Call("fd_fdstat_set_flags", fd, 0));
        _guest.Call("fd_seek", fd, 0, (long)Whence.Set, position);
        _guest.Write(fd, "ONE");
        Assert.Equal("ONE\ntwo\n", File.ReadAllText(_root.Combine("log")));
    }

    [Fact]
    public void SetFlags_CannotChangeSyncModesAndRejectsUnknownBits()
    {
        var fd = _guest.Open(Dir, "s", OFlags.Create);
        Assert.Equal(Errno.NotSup, _guest.Call("fd_fdstat_set_flags", fd, (long)FdFlags.Sync));
        Assert.Equal(Errno.Inval, _guest.Call("fd_fdstat_set_flags", fd, 0x40));
    }

    [Fact]
    public void FilestatSetSize_TruncatesAndExtends()
    {
        var fd = _guest.Open(Dir, "t", OFlags.Create, Rights.FdRead | Rights.FdWrite | Rights.FdFilestatSetSize | Rights.FdFilestatGet);
        _guest.Write(fd, "0123456789");
        Assert.Equal(Errno.Success, _guest.Call("fd_filestat_set_size", fd, 4));
        Assert.Equal("0123", File.ReadAllText(_root.Combine("t")));
        Assert.Equal(Errno.Success, _guest.Call("fd_filestat_set_size", fd, 100));
        var stat = _guest.Alloc(64);
        Assert.Equal(Errno.Success, _guest.Call("fd_filestat_get", fd, stat));
        Assert.Equal(100UL, _guest.ReadU64(stat + 32));
        Assert.Equal((byte)FileType.RegularFile, _guest.Memory[stat + 16]);
        Assert.Equal(1UL, _guest.ReadU64(stat + 24));
    }

    [Fact]
    public void FilestatGet_MatchesTheHostInodeAndTimes()
    {
        var fd = _guest.Open(Dir, "i", OFlags.Create);
        var stat = _guest.Alloc(64);
        Assert.Equal(Errno.Success, _guest.Call("fd_filestat_get", fd, stat));
        var host = new FileInfo(_root.Combine("i"));
        var mtime = (ulong)(host.LastWriteTimeUtc - DateTime.UnixEpoch).Ticks * 100;
        Assert.Equal(mtime / 1000, _guest.ReadU64(stat + 48) / 1000);
        Assert.NotEqual(0UL, _guest.ReadU64(stat + 8));
    }

    [Fact]
    public void FilestatSetTimes_SetsExplicitTimesAndRefusesContradictions()
    {
        var fd = _guest.Open(Dir, "times", OFlags.Create, Rights.FdRead | Rights.FdWrite | Rights.FdFilestatSetTimes | Rights.FdFilestatGet);
        const ulong modified = 1_600_000_000_123_456_789UL;
        Assert.Equal(Errno.Success, _guest.Call("fd_filestat_set_times", fd, 0, (long)modified, (long)FstFlags.Mtim));
        var stat = _guest.Alloc(64);
        _guest.Call("fd_filestat_get", fd, stat);
        Assert.Equal(modified, _guest.ReadU64(stat + 48));
        Assert.Equal(Errno.Inval, _guest.Call("fd_filestat_set_times", fd, 0, 0, (long)(FstFlags.Mtim | FstFlags.MtimNow)));
        Assert.Equal(Errno.Inval, _guest.Call("fd_filestat_set_times", fd, 0, 0, (long)(FstFlags.Atim | FstFlags.AtimNow)));
        Assert.Equal(Errno.Inval, _guest.Call("fd_filestat_set_times", fd, 0, 0, 0x10));
    }

    [Fact]
    public void AdviseAllocateSync_WorkOnFilesAndCheckArguments()
    {
        var fd = _guest.Open(Dir, "a", OFlags.Create, RightSets.RegularFile);
        Assert.Equal(Errno.Success, _guest.Call("fd_advise", fd, 0, 100, (long)Advice.Sequential));
        Assert.Equal(Errno.Inval, _guest.Call("fd_advise", fd, 0, 100, 6));
        Assert.Equal(Errno.Success, _guest.Call("fd_allocate", fd, 0, 4096));
        Assert.Equal(4096, new FileInfo(_root.Combine("a")).Length);
        Assert.Equal(Errno.Success, _guest.Call("fd_sync", fd));
        Assert.Equal(Errno.Success, _guest.Call("fd_datasync", fd));
    }

    [Fact]
    public void ReadOnlyOpen_WriteIsEbadfAndWriteOnlyOpen_ReadIsEbadf()
    {
        File.WriteAllText(_root.Combine("rw"), "data");
        var reader = _guest.Open(Dir, "rw", rights: Rights.FdRead);
        Assert.Equal(Errno.Badf, _guest.Write(reader, "x").Error);
        var writer = _guest.Open(Dir, "rw", rights: Rights.FdWrite);
        Assert.Equal(Errno.Badf, _guest.Read(writer).Error);
        Assert.Equal("data", File.ReadAllText(_root.Combine("rw")));
    }

    [Fact]
    public void FdStatGet_ReportsTypeFlagsAndRights()
    {
        var fd = _guest.Open(Dir, "r", OFlags.Create, Rights.FdRead | Rights.FdSeek);
        var stat = _guest.Alloc(24);
        Assert.Equal(Errno.Success, _guest.Call("fd_fdstat_get", fd, stat));
        Assert.Equal((byte)FileType.RegularFile, _guest.Memory[stat]);
        Assert.Equal((ulong)(Rights.FdRead | Rights.FdSeek), _guest.ReadU64(stat + 8));

        Assert.Equal(Errno.Success, _guest.Call("fd_fdstat_get", Dir, stat));
        Assert.Equal((byte)FileType.Directory, _guest.Memory[stat]);
        Assert.Equal((ulong)RightSets.Directory, _guest.ReadU64(stat + 8));
        Assert.Equal((ulong)RightSets.DirectoryInheriting, _guest.ReadU64(stat + 16));
    }

    [Fact]
    public void SetRights_CanOnlyNarrowAndANarrowedRightIsEnotcapable()
    {
        var fd = _guest.Open(Dir, "n", OFlags.Create, Rights.FdRead | Rights.FdSeek | Rights.FdTell);
        Assert.Equal(Errno.NotCapable, _guest.Call("fd_fdstat_set_rights", fd, (long)(Rights.FdRead | Rights.FdWrite), 0));
        Assert.Equal(Errno.Success, _guest.Call("fd_fdstat_set_rights", fd, (long)Rights.FdRead, 0));
        var position = _guest.Alloc(8);
        Assert.Equal(Errno.NotCapable, _guest.Call("fd_seek", fd, 0, (long)Whence.Set, position));
        Assert.Equal(Errno.NotCapable, _guest.Call("fd_tell", fd, position));
        Assert.Equal(Errno.Success, _guest.Read(fd).Error);
    }

    [Fact]
    public void DirectoryDescriptor_FileOperationsAreEbadfAsInWasmtime()
    {
        var scratch = _guest.Alloc(64);
        var vecs = _guest.IoVecs((scratch, 16));
        Assert.Equal(Errno.Badf, _guest.Call("fd_read", Dir, vecs, 1, scratch + 32));
        Assert.Equal(Errno.Badf, _guest.Call("fd_write", Dir, vecs, 1, scratch + 32));
        Assert.Equal(Errno.Badf, _guest.Call("fd_pread", Dir, vecs, 1, 0, scratch + 32));
        Assert.Equal(Errno.Badf, _guest.Call("fd_pwrite", Dir, vecs, 1, 0, scratch + 32));
        Assert.Equal(Errno.Badf, _guest.Call("fd_seek", Dir, 0, (long)Whence.Cur, scratch + 32));
        Assert.Equal(Errno.Badf, _guest.Call("fd_tell", Dir, scratch + 32));
        Assert.Equal(Errno.Badf, _guest.Call("fd_advise", Dir, 0, 0, (long)Advice.DontNeed));
        Assert.Equal(Errno.Badf, _guest.Call("fd_allocate", Dir, 0, 1));
        Assert.Equal(Errno.Badf, _guest.Call("fd_datasync", Dir));
        Assert.Equal(Errno.Badf, _guest.Call("fd_sync", Dir));
        Assert.Equal(Errno.Badf, _guest.Call("fd_fdstat_set_flags", Dir, (long)FdFlags.NonBlock));
        Assert.Equal(Errno.Badf, _guest.Call("fd_filestat_set_size", Dir, 0));
    }

    [Fact]
    public void CloseAndRenumber_FollowWasmtime()
    {
        var a = _guest.Open(Dir, "a", OFlags.Create);
        var b = _guest.Open(Dir, "b", OFlags.Create);
        Assert.Equal(Errno.Success, _guest.Call("fd_renumber", a, b));
        Assert.Equal(Errno.Badf, _guest.Call("fd_close", a));
        var stat = _guest.Alloc(24);
        Assert.Equal(Errno.Success, _guest.Call("fd_fdstat_get", b, stat));

        // Renumbering to a number that is not open is allowed (Wasmtime's stdio test moves fds to fd + 100).
        Assert.Equal(Errno.Success, _guest.Call("fd_renumber", b, 200));
        _guest.Write(200, "moved");
        Assert.Equal("moved", File.ReadAllText(_root.Combine("a")));
        Assert.Equal(Errno.Badf, _guest.Call("fd_renumber", 77, 78));
        Assert.Equal(Errno.Success, _guest.Call("fd_close", 200));
        Assert.Equal(Errno.Badf, _guest.Call("fd_close", 200));
    }

    [Fact]
    public void ClosingThePreopen_IsAllowedAndTheFdIsThenEbadf()
    {
        Assert.Equal(Errno.Success, _guest.Call("fd_close", Dir));
        Assert.Equal(Errno.Badf, _guest.Call("fd_fdstat_get", Dir, _guest.Alloc(24)));
    }

    [Fact]
    public void OpenFiles_AreCappedWithEmfileAndDisposeClosesThem()
    {
        using var limited = new GuestHarness(new WasiConfiguration().WithPreopenedDirectory(_root.Path, "/d").WithMaxOpenFiles(8));
        File.WriteAllText(_root.Combine("x"), "");
        for (var i = 0; i < 4; i++) limited.Open(Dir, "x");
        Assert.Equal(Errno.Mfile, limited.TryOpen(Dir, "x").Error);
        Assert.Equal(8, limited.Context.OpenDescriptorCount);
    }

    public void Dispose()
    {
        _guest.Dispose();
        _root.Dispose();
    }
}
