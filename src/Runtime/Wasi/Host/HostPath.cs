using System.Text;
using System.Text.Unicode;
using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Host;

/// <summary>Byte-level helpers for paths: WASI paths are UTF-8, host calls want NUL-terminated bytes.</summary>
internal static class HostPath
{
    /// <summary>Linux PATH_MAX, including the terminating NUL.</summary>
    public const int Max = 4096;

    /// <summary>A NUL-terminated copy of <paramref name="name"/>.</summary>
    public static byte[] Terminated(ReadOnlySpan<byte> name)
    {
        var bytes = new byte[name.Length + 1];
        name.CopyTo(bytes);
        return bytes;
    }

    /// <summary>A NUL-terminated UTF-8 encoding of a host-trusted path.</summary>
    public static byte[] Terminated(string path) => Terminated(Encoding.UTF8.GetBytes(path));

    /// <summary>The name without its terminating NUL.</summary>
    public static ReadOnlySpan<byte> Bytes(byte[] terminated) => terminated.AsSpan(0, terminated.Length - 1);

    /// <summary>
    /// The checks every guest path gets before it touches the host: empty, embedded NUL, not UTF-8, too long, absolute.
    /// An absolute path names something outside every preopen, which WASI answers with EPERM.
    /// </summary>
    public static Errno Validate(ReadOnlySpan<byte> path)
    {
        if (path.IsEmpty) return Errno.NoEnt;
        if (path.Contains((byte)0)) return Errno.Inval;
        if (!Utf8.IsValid(path)) return Errno.Ilseq;
        if (path.Length >= Max) return Errno.NameTooLong;
        if (path[0] == (byte)'/') return Errno.Perm;
        return Errno.Success;
    }

    /// <summary>True for ".".</summary>
    public static bool IsDot(ReadOnlySpan<byte> component) => component.Length == 1 && component[0] == (byte)'.';

    /// <summary>True for "..".</summary>
    public static bool IsDotDot(ReadOnlySpan<byte> component) =>
        component.Length == 2 && component[0] == (byte)'.' && component[1] == (byte)'.';
}
