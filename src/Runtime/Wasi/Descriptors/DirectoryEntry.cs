using System.Runtime.InteropServices;
using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Host;

namespace EdgeWasm.Runtime.Wasi.Descriptors;

/// <summary>One entry of a directory listing, as fd_readdir reports it.</summary>
internal sealed record DirectoryEntry(byte[] Name, ulong Inode, FileType Type)
{
    /// <summary>Size of the witx <c>dirent</c> header that precedes each name.</summary>
    public const uint HeaderSize = 24;

    /// <summary>Lists <paramref name="directory"/> including "." and "..", in the host's order.</summary>
    public static unsafe Errno ReadAll(int directory, out IReadOnlyList<DirectoryEntry> entries)
    {
        entries = [];
        byte* dot = stackalloc byte[2];
        dot[0] = (byte)'.';
        dot[1] = 0;
        var fd = Libc.openat(directory, dot, LinuxFlags.ReadOnly | LinuxFlags.Directory | LinuxFlags.CloseOnExec, 0);
        if (fd < 0) return LinuxErrno.Last();
        var stream = Libc.fdopendir(fd);
        if (stream == 0)
        {
            var error = LinuxErrno.Last();
            Libc.close(fd);
            return error;
        }

        var list = new List<DirectoryEntry>();
        try
        {
            while (true)
            {
                var entry = (byte*)Libc.readdir64(stream);
                if (entry is null)
                {
                    var error = Libc.LastError;
                    if (error != 0) return LinuxErrno.ToWasi(error);
                    break;
                }

                // struct dirent64: d_ino u64 @0, d_off @8, d_reclen u16 @16, d_type u8 @18, d_name @19.
                var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entry + 19);
                var type = FromDirentType(entry[18]);
                var terminated = HostPath.Terminated(name);
                if (type is null)
                {
                    type = HostFiles.StatAt(directory, terminated, out var stat) == Errno.Success ? stat.FileType : FileType.Unknown;
                }

                list.Add(new DirectoryEntry(name.ToArray(), *(ulong*)entry, type.Value));
            }
        }
        finally
        {
            Libc.closedir(stream);
        }

        entries = list;
        return Errno.Success;
    }

    // DT_* values; DT_UNKNOWN (0) asks the caller to stat.
    private static FileType? FromDirentType(byte type) => type switch
    {
        0 => null,
        2 => FileType.CharacterDevice,
        4 => FileType.Directory,
        6 => FileType.BlockDevice,
        8 => FileType.RegularFile,
        10 => FileType.SymbolicLink,
        12 => FileType.SocketStream,
        _ => FileType.Unknown,
    };
}
