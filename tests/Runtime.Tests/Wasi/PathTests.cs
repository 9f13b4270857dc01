using System.Text;
using EdgeWasm.Runtime.Wasi;
using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Wasi;

public sealed class PathTests : IDisposable
{
    private const int Dir = GuestHarness.FirstPreopen;
    private readonly TempDirectory _root = new("edgewasm-wasi");
    private readonly GuestHarness _guest;

    public PathTests() => _guest = new GuestHarness(new WasiConfiguration().WithPreopenedDirectory(_root.Path, "/data"));

    [Fact]
    public void Prestat_NamesThePreopenAndLaterFdsAreEbadf()
    {
        var prestat = _guest.Alloc(8);
        Assert.Equal(Errno.Success, _guest.Call("fd_prestat_get", Dir, prestat));
        Assert.Equal(0, _guest.Memory[prestat]);
        Assert.Equal(5u, _guest.ReadU32(prestat + 4));
        var name = _guest.Alloc(16);
        Assert.Equal(Errno.NameTooLong, _guest.Call("fd_prestat_dir_name", Dir, name, 0));
        Assert.Equal(Errno.Success, _guest.Call("fd_prestat_dir_name", Dir, name, 16));
        Assert.Equal("/data", _guest.ReadText(name, 5));
        Assert.Equal(Errno.Badf, _guest.Call("fd_prestat_get", Dir + 1, prestat));
        Assert.Equal(Errno.Badf, _guest.Call("fd_prestat_get", 1, prestat));
    }

    [Fact]
    public void CreateDirectory_NestedAndExisting()
    {
        Assert.Equal(Errno.Success, _guest.Path("path_create_directory", Dir, "a"));
        Assert.Equal(Errno.Success, _guest.Path("path_create_directory", Dir, "a/b/"));
        Assert.True(Directory.Exists(_root.Combine("a", "b")));
        Assert.Equal(Errno.Exist, _guest.Path("path_create_directory", Dir, "a"));
        Assert.Equal(Errno.NoEnt, _guest.Path("path_create_directory", Dir, "missing/x"));
    }

    [Fact]
    public void Open_FlagsBehaveAsOpenat()
    {
        Assert.Equal(Errno.NoEnt, _guest.TryOpen(Dir, "nope").Error);
        _guest.Open(Dir, "f", OFlags.Create | OFlags.Exclusive);
        Assert.Equal(Errno.Exist, _guest.TryOpen(Dir, "f", OFlags.Create | OFlags.Exclusive).Error);
        Assert.Equal(Errno.NotDir, _guest.TryOpen(Dir, "f", OFlags.Directory).Error);
        Assert.Equal(Errno.NotDir, _guest.TryOpen(Dir, "f/").Error);
        Assert.Equal(Errno.IsDir, _guest.TryOpen(Dir, "new/", OFlags.Create).Error);

        File.WriteAllText(_root.Combine("f"), "keep");
        var fd = _guest.Open(Dir, "f", OFlags.Truncate);
        Assert.Equal("", File.ReadAllText(_root.Combine("f")));
        Assert.Equal(Errno.NotDir, _guest.TryOpen(fd, "x", OFlags.Create).Error);
    }

    [Fact]
    public void Open_ADirectoryForWritingIsEisdirAndWithReadRightsGivesADirectoryFd()
    {
        Directory.CreateDirectory(_root.Combine("d"));
        Assert.Equal(Errno.IsDir, _guest.TryOpen(Dir, "d", OFlags.Directory, Rights.FdRead | Rights.FdWrite).Error);
        var fd = _guest.Open(Dir, "d/", OFlags.Directory, RightSets.Directory);
        var stat = _guest.Alloc(24);
        _guest.Call("fd_fdstat_get", fd, stat);
        Assert.Equal((byte)FileType.Directory, _guest.Memory[stat]);
        var self = _guest.Open(Dir, ".", OFlags.Directory, RightSets.Directory);
        Assert.NotEqual(Dir, self);
    }

    [Fact]
    public void Open_WithAndWithoutSymlinkFollow()
    {
        File.WriteAllText(_root.Combine("target"), "through the link");
        File.CreateSymbolicLink(_root.Combine("link"), "target");
        Assert.Equal(Errno.Loop, _guest.TryOpen(Dir, "link", lookup: LookupFlags.None).Error);
        var fd = _guest.Open(Dir, "link");
        Assert.Equal("through the link", _guest.Read(fd).Text);
        Assert.Equal(Errno.NotDir, _guest.TryOpen(Dir, "link", OFlags.Directory).Error);
    }

    [Fact]
    public void SymlinkLoop_IsEloop()
    {
        Assert.Equal(Errno.Success, Symlink("self", "self"));
        Assert.Equal(Errno.Loop, _guest.TryOpen(Dir, "self").Error);
        Assert.Equal(Errno.Success, Symlink("b", "a"));
        Assert.Equal(Errno.Success, Symlink("a", "b"));
        Assert.Equal(Errno.Loop, _guest.TryOpen(Dir, "a/x").Error);
    }

    [Fact]
    public void DotDotInsideThePreopen_IsFine()
    {
        Directory.CreateDirectory(_root.Combine("dir", "nested"));
        File.WriteAllText(_root.Combine("dir", "nested", "file"), "ok");
        var fd = _guest.Open(Dir, "dir/.//nested/../../dir/nested/../nested///./file");
        Assert.Equal("ok", _guest.Read(fd).Text);
    }

    [Fact]
    public void FilestatGet_FollowsOnlyWhenAsked()
    {
        File.WriteAllText(_root.Combine("t"), "12345");
        File.CreateSymbolicLink(_root.Combine("l"), "t");
        Assert.Equal((Errno.Success, FileType.SymbolicLink), Pick(_guest.Stat(Dir, "l")));
        var followed = _guest.Stat(Dir, "l", LookupFlags.SymlinkFollow);
        Assert.Equal(FileType.RegularFile, followed.Type);
        Assert.Equal(5UL, followed.Size);
        Assert.Equal(Errno.NotDir, _guest.Stat(Dir, "t/").Error);
        Assert.Equal(Errno.NoEnt, _guest.Stat(Dir, "none").Error);
    }

    [Fact]
    public void FilestatSetTimes_ChangesTheFileNotTheLink()
    {
        File.WriteAllText(_root.Combine("t"), "");
        var (p, l) = _guest.Text("t");
        const ulong when = 1_500_000_000_000_000_000UL;
        Assert.Equal(Errno.Success, _guest.Call("path_filestat_set_times", Dir, 0, p, l, (long)when, (long)when, (long)(FstFlags.Atim | FstFlags.Mtim)));
        Assert.Equal(DateTime.UnixEpoch.AddTicks((long)(when / 100)), File.GetLastWriteTimeUtc(_root.Combine("t")));
        Assert.Equal(Errno.Inval, _guest.Call("path_filestat_set_times", Dir, 0, p, l, 0, 0, (long)(FstFlags.Mtim | FstFlags.MtimNow)));
    }

    [Fact]
    public void Link_MakesAHardLinkAndRefusesWhatWasmtimeRefuses()
    {
        File.WriteAllText(_root.Combine("file"), "x");
        Assert.Equal(Errno.Success, Link("file", "hard"));
        Assert.Equal(_guest.Stat(Dir, "file").Inode, _guest.Stat(Dir, "hard").Inode);
        Assert.Equal(Errno.Exist, Link("file", "hard"));
        Assert.Equal(Errno.Exist, Link("file", "file"));
        Directory.CreateDirectory(_root.Combine("sub"));
        Assert.Equal(Errno.Perm, Link("sub", "dirlink"));
        Assert.Equal(Errno.NoEnt, Link("file", "new/"));
        var (op, ol) = _guest.Text("file");
        var (np, nl) = _guest.Text("other");
        Assert.Equal(Errno.Inval, _guest.Call("path_link", Dir, (long)LookupFlags.SymlinkFollow, op, ol, Dir, np, nl));
    }

    [Fact]
    public void Readlink_TruncatesSilently()
    {
        File.CreateSymbolicLink(_root.Combine("link"), "target");
        var (p, l) = _guest.Text("link");
        var buffer = _guest.Alloc(10);
        var used = _guest.Alloc(4);
        Assert.Equal(Errno.Success, _guest.Call("path_readlink", Dir, p, l, buffer, 10, used));
        Assert.Equal(6u, _guest.ReadU32(used));
        Assert.Equal("target", _guest.ReadText(buffer, 6));
        Assert.Equal(Errno.Success, _guest.Call("path_readlink", Dir, p, l, buffer, 4, used));
        Assert.Equal(4u, _guest.ReadU32(used));
        File.WriteAllText(_root.Combine("plain"), "");
        var (pp, pl) = _guest.Text("plain");
        Assert.Equal(Errno.Inval, _guest.Call("path_readlink", Dir, pp, pl, buffer, 10, used));
    }

    [Fact]
    public void RemoveDirectoryAndUnlink_TrailingSlashesAndWrongTypes()
    {
        Directory.CreateDirectory(_root.Combine("dir"));
        File.WriteAllText(_root.Combine("dir", "f"), "");
        File.WriteAllText(_root.Combine("file"), "");
        Assert.Equal(Errno.NotEmpty, _guest.Path("path_remove_directory", Dir, "dir"));
        Assert.Equal(Errno.IsDir, _guest.Path("path_unlink_file", Dir, "dir"));
        Assert.Equal(Errno.IsDir, _guest.Path("path_unlink_file", Dir, "dir/"));
        Assert.Equal(Errno.NotDir, _guest.Path("path_unlink_file", Dir, "file/"));
        Assert.Equal(Errno.NotDir, _guest.Path("path_remove_directory", Dir, "file"));
        Assert.Equal(Errno.Success, _guest.Path("path_unlink_file", Dir, "dir/f"));
        Assert.Equal(Errno.Success, _guest.Path("path_remove_directory", Dir, "dir/"));
        Assert.Equal(Errno.Success, _guest.Path("path_unlink_file", Dir, "file"));
        Assert.Equal(Errno.NoEnt, _guest.Path("path_unlink_file", Dir, "file"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root.Path));
    }

    [Fact]
    public void Rename_CasesFromWasmtimesTests()
    {
        Directory.CreateDirectory(_root.Combine("source"));
        Assert.Equal(Errno.Success, Rename("source/", "target"));
        Assert.Equal(Errno.Success, Rename("target", "source/"));
        Directory.CreateDirectory(_root.Combine("full"));
        File.WriteAllText(_root.Combine("full", "file"), "");
        Assert.Equal(Errno.NotEmpty, Rename("source", "full"));
        Assert.Equal(Errno.NotDir, Rename("source", "full/file"));
        File.WriteAllText(_root.Combine("a"), "a");
        File.WriteAllText(_root.Combine("b"), "b");
        Assert.Equal(Errno.Success, Rename("a", "b"));
        Assert.Equal("a", File.ReadAllText(_root.Combine("b")));
        Assert.Equal(Errno.IsDir, Rename("b", "source"));
        Assert.Equal(Errno.NotDir, Rename("b/", "c"));
    }

    [Fact]
    public void Symlink_TrailingSlashCasesFromWasmtimesTests()
    {
        Assert.Equal(Errno.NoEnt, Symlink("source", "target/"));
        Directory.CreateDirectory(_root.Combine("target"));
        Assert.Equal(Errno.Exist, Symlink("source", "target/"));
        Assert.Equal(Errno.Exist, Symlink("source", "target"));
        Directory.Delete(_root.Combine("target"));
        File.WriteAllText(_root.Combine("target"), "");
        Assert.Equal(Errno.NotDir, Symlink("source", "target/"));
        Assert.Equal(Errno.Exist, Symlink("source", "target"));
        Assert.Equal(Errno.Success, Symlink("target", "dangling-ok"));
        Assert.Equal("target", new FileInfo(_root.Combine("dangling-ok")).LinkTarget);
    }

    [Fact]
    public void Readdir_ListsDotEntriesTypesInodesAndResumesFromCookies()
    {
        File.WriteAllText(_root.Combine("file"), "");
        Directory.CreateDirectory(_root.Combine("nested"));
        var entries = ReadDirectory(Dir, 0, 4096, out var used);
        Assert.True(used < 4096);
        Assert.Equal([".", "..", "file", "nested"], entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(FileType.RegularFile, entries.Single(e => e.Name == "file").Type);
        Assert.Equal(FileType.Directory, entries.Single(e => e.Name == "nested").Type);
        Assert.Equal(_guest.Stat(Dir, "file").Inode, entries.Single(e => e.Name == "file").Inode);

        var rest = ReadDirectory(Dir, entries[1].Next, 4096, out _);
        Assert.Equal(entries.Skip(2).Select(e => e.Name), rest.Select(e => e.Name));
        Assert.Empty(ReadDirectory(Dir, 99, 4096, out _));
    }

    [Fact]
    public void Readdir_ManyEntriesPageThroughASmallBuffer()
    {
        for (var i = 0; i < 300; i++) File.WriteAllText(_root.Combine($"file.{i}"), "");
        File.WriteAllText(_root.Combine("Действие"), "");
        var names = new List<string>();
        ulong cookie = 0;
        while (true)
        {
            var page = ReadDirectory(Dir, cookie, 256, out var used);
            names.AddRange(page.Where(e => e.Complete).Select(e => e.Name));
            if (used < 256) break;
            cookie = page.Last(e => e.Complete).Next;
        }

        Assert.Equal(303, names.Count);
        Assert.Contains("Действие", names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Readdir_OnAFileIsEnotdir()
    {
        var fd = _guest.Open(Dir, "f", OFlags.Create);
        var buffer = _guest.Alloc(64);
        Assert.Equal(Errno.NotDir, _guest.Call("fd_readdir", fd, buffer, 64, 0, buffer + 60));
    }

    private static (Errno, FileType) Pick((Errno Error, FileType Type, ulong Size, ulong Inode) stat) => (stat.Error, stat.Type);

    private Errno Symlink(string target, string name)
    {
        var (tp, tl) = _guest.Text(target);
        var (np, nl) = _guest.Text(name);
        return _guest.Call("path_symlink", tp, tl, Dir, np, nl);
    }

    private Errno Link(string from, string to)
    {
        var (fp, fl) = _guest.Text(from);
        var (tp, tl) = _guest.Text(to);
        return _guest.Call("path_link", Dir, 0, fp, fl, Dir, tp, tl);
    }

    private Errno Rename(string from, string to)
    {
        var (fp, fl) = _guest.Text(from);
        var (tp, tl) = _guest.Text(to);
        return _guest.Call("path_rename", Dir, fp, fl, Dir, tp, tl);
    }

    private List<(string Name, ulong Next, ulong Inode, FileType Type, bool Complete)> ReadDirectory(int fd, ulong cookie, int size, out uint used)
    {
        var buffer = _guest.Alloc(size);
        var result = _guest.Alloc(4);
        Assert.Equal(Errno.Success, _guest.Call("fd_readdir", fd, buffer, size, (long)cookie, result));
        used = _guest.ReadU32(result);
        var entries = new List<(string, ulong, ulong, FileType, bool)>();
        var at = 0u;
        while (at + 24 <= used)
        {
            var header = buffer + at;
            var length = _guest.ReadU32(header + 16);
            var complete = at + 24 + length <= used;
            var name = Encoding.UTF8.GetString(_guest.Memory, (int)(header + 24), (int)Math.Min(length, used - at - 24));
            entries.Add((name, _guest.ReadU64(header), _guest.ReadU64(header + 8), (FileType)_guest.Memory[header + 20], complete));
            at += 24 + length;
        }

        return entries;
    }

    public void Dispose()
    {
        _guest.Dispose();
        _root.Dispose();
    }
}
