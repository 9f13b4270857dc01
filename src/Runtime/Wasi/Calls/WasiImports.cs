using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Calls;

/// <summary>
/// Every function of <c>wasi_snapshot_preview1</c>, with the core signature from the witx definitions
/// (u8/u16/u32 parameters travel as i32, u64 as i64; every function but proc_exit returns an errno i32).
/// </summary>
internal static class WasiImports
{
    /// <summary>The import module name.</summary>
    public const string Module = "wasi_snapshot_preview1";

    private const ValueKind I = ValueKind.I32;
    private const ValueKind L = ValueKind.I64;

    /// <summary>All 46 functions, in witx order.</summary>
    public static IReadOnlyList<WasiImport> All { get; } =
    [
        Define("args_get", [I, I], (c, m, a, _) => StringListCalls.Get(c.Arguments, m, U(a, 0), U(a, 1))),
        Define("args_sizes_get", [I, I], (c, m, a, _) => StringListCalls.SizesGet(c.Arguments, m, U(a, 0), U(a, 1))),
        Define("environ_get", [I, I], (c, m, a, _) => StringListCalls.Get(c.Environment, m, U(a, 0), U(a, 1))),
        Define("environ_sizes_get", [I, I], (c, m, a, _) => StringListCalls.SizesGet(c.Environment, m, U(a, 0), U(a, 1))),
        Define("clock_res_get", [I, I], (c, m, a, _) => ClockCalls.ResolutionGet(c.Clocks, m, U(a, 0), U(a, 1))),
        Define("clock_time_get", [I, L, I], (c, m, a, _) => ClockCalls.TimeGet(c.Clocks, m, U(a, 0), U(a, 2))),
        Define("fd_advise", [I, L, L, I], (c, _, a, _) => FdIoCalls.Advise(c.Descriptors, F(a, 0), UL(a, 1), UL(a, 2), U(a, 3))),
        Define("fd_allocate", [I, L, L], (c, _, a, _) => FdIoCalls.Allocate(c.Descriptors, F(a, 0), UL(a, 1), UL(a, 2))),
        Define("fd_close", [I], (c, _, a, _) => FdIoCalls.Close(c.Descriptors, F(a, 0))),
        Define("fd_datasync", [I], (c, _, a, _) => FdIoCalls.Sync(c.Descriptors, F(a, 0), dataOnly: true)),
        Define("fd_fdstat_get", [I, I], (c, m, a, _) => FdStatCalls.FdStatGet(c.Descriptors, m, F(a, 0), U(a, 1))),
        Define("fd_fdstat_set_flags", [I, I], (c, _, a, _) => FdStatCalls.FdStatSetFlags(c.Descriptors, F(a, 0), U(a, 1))),
        Define("fd_fdstat_set_rights", [I, L, L], (c, _, a, _) => FdStatCalls.FdStatSetRights(c.Descriptors, F(a, 0), UL(a, 1), UL(a, 2))),
        Define("fd_filestat_get", [I, I], (c, m, a, _) => FdStatCalls.FileStatGet(c.Descriptors, m, F(a, 0), U(a, 1))),
        Define("fd_filestat_set_size", [I, L], (c, _, a, _) => FdStatCalls.FileStatSetSize(c.Descriptors, F(a, 0), UL(a, 1))),
        Define("fd_filestat_set_times", [I, L, L, I], (c, _, a, _) => FdStatCalls.FileStatSetTimes(c.Descriptors, F(a, 0), UL(a, 1), UL(a, 2), U(a, 3))),
        Define("fd_pread", [I, I, I, L, I], (c, m, a, _) => FdIoCalls.PRead(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), UL(a, 3), U(a, 4))),
        Define("fd_prestat_get", [I, I], (c, m, a, _) => FdStatCalls.PrestatGet(c.Descriptors, m, F(a, 0), U(a, 1))),
        Define("fd_prestat_dir_name", [I, I, I], (c, m, a, _) => FdStatCalls.PrestatDirName(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2))),
        Define("fd_pwrite", [I, I, I, L, I], (c, m, a, _) => FdIoCalls.PWrite(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), UL(a, 3), U(a, 4))),
        Define("fd_read", [I, I, I, I], (c, m, a, t) => FdIoCalls.Read(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), U(a, 3), t)),
        Define("fd_readdir", [I, I, I, L, I], (c, m, a, _) => FdStatCalls.ReadDirectory(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), UL(a, 3), U(a, 4))),
        Define("fd_renumber", [I, I], (c, _, a, _) => FdIoCalls.Renumber(c.Descriptors, F(a, 0), F(a, 1))),
        Define("fd_seek", [I, L, I, I], (c, m, a, _) => FdIoCalls.Seek(c.Descriptors, m, F(a, 0), a[1], U(a, 2), U(a, 3))),
        Define("fd_sync", [I], (c, _, a, _) => FdIoCalls.Sync(c.Descriptors, F(a, 0), dataOnly: false)),
        Define("fd_tell", [I, I], (c, m, a, _) => FdIoCalls.Tell(c.Descriptors, m, F(a, 0), U(a, 1))),
        Define("fd_write", [I, I, I, I], (c, m, a, t) => FdIoCalls.Write(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), U(a, 3), t)),
        Define("path_create_directory", [I, I, I], (c, m, a, _) => PathCalls.CreateDirectory(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2))),
        Define("path_filestat_get", [I, I, I, I, I], (c, m, a, _) => PathCalls.FileStatGet(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), U(a, 3), U(a, 4))),
        Define("path_filestat_set_times", [I, I, I, I, L, L, I], (c, m, a, _) =>
            PathCalls.FileStatSetTimes(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), U(a, 3), UL(a, 4), UL(a, 5), U(a, 6))),
        Define("path_link", [I, I, I, I, I, I, I], (c, m, a, _) =>
            PathCalls.Link(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), U(a, 3), F(a, 4), U(a, 5), U(a, 6))),
        Define("path_open", [I, I, I, I, I, L, L, I, I], (c, m, a, _) =>
            PathCalls.Open(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), U(a, 3), U(a, 4), UL(a, 5), UL(a, 6), U(a, 7), U(a, 8))),
        Define("path_readlink", [I, I, I, I, I, I], (c, m, a, _) =>
            PathCalls.ReadLink(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), U(a, 3), U(a, 4), U(a, 5))),
        Define("path_remove_directory", [I, I, I], (c, m, a, _) => PathCalls.RemoveDirectory(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2))),
        Define("path_rename", [I, I, I, I, I, I], (c, m, a, _) =>
            PathCalls.Rename(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), F(a, 3), U(a, 4), U(a, 5))),
        Define("path_symlink", [I, I, I, I, I], (c, m, a, _) => PathCalls.Symlink(c.Descriptors, m, U(a, 0), U(a, 1), F(a, 2), U(a, 3), U(a, 4))),
        Define("path_unlink_file", [I, I, I], (c, m, a, _) => PathCalls.UnlinkFile(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2))),
        Define("poll_oneoff", [I, I, I, I], (c, m, a, t) => PollCalls.PollOneoff(c.Descriptors, c.Clocks, m, U(a, 0), U(a, 1), U(a, 2), U(a, 3), t)),
        new("proc_exit", new FuncType([I], []), (_, _, a, _) => (int)ProcessCalls.Exit(U(a, 0))),
        Define("proc_raise", [I], (_, _, a, _) => ProcessCalls.Raise(U(a, 0))),
        Define("sched_yield", [], (_, _, _, _) => ProcessCalls.Yield()),
        Define("random_get", [I, I], (_, m, a, _) => ProcessCalls.RandomGet(m, U(a, 0), U(a, 1))),
        Define("sock_accept", [I, I, I], (c, m, a, t) => SocketCalls.Accept(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), t)),
        Define("sock_recv", [I, I, I, I, I, I], (c, m, a, t) => SocketCalls.Receive(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), U(a, 3), U(a, 4), U(a, 5), t)),
        Define("sock_send", [I, I, I, I, I], (c, m, a, t) => SocketCalls.Send(c.Descriptors, m, F(a, 0), U(a, 1), U(a, 2), U(a, 3), U(a, 4), t)),
        Define("sock_shutdown", [I, I], (c, _, a, _) => SocketCalls.Shutdown(c.Descriptors, F(a, 0), U(a, 1))),
    ];

    /// <summary>The import called <paramref name="name"/>, or null.</summary>
    public static WasiImport? Find(string name) => All.FirstOrDefault(import => import.Name == name);

    private static WasiImport Define(string name, ValueKind[] parameters, ErrnoCall call) =>
        new(name, new FuncType(parameters, [ValueKind.I32]), (c, m, a, t) => (int)call(c, m, a, t));

    // A guest fd is a u32; numbers above int.MaxValue can never be open and stay negative here (EBADF).
    private static int F(ReadOnlySpan<long> arguments, int index) => (int)arguments[index];

    private static uint U(ReadOnlySpan<long> arguments, int index) => (uint)arguments[index];

    private static ulong UL(ReadOnlySpan<long> arguments, int index) => (ulong)arguments[index];

    private delegate Errno ErrnoCall(WasiContext context, GuestMemory memory, ReadOnlySpan<long> arguments, CancellationToken interrupt);
}
