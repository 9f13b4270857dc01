using System.Runtime.InteropServices;

namespace EdgeWasm.Runtime.Wasi.Host;

/// <summary>
/// open(2) flag values. Most are the same everywhere, but ARM (32 and 64 bit) numbers O_DIRECTORY,
/// O_NOFOLLOW and O_LARGEFILE differently from x86 and the asm-generic table.
/// </summary>
internal static class LinuxFlags
{
    public const int ReadOnly = 0x0;
    public const int WriteOnly = 0x1;
    public const int ReadWrite = 0x2;
    public const int Create = 0x40;
    public const int Exclusive = 0x80;
    public const int NoCtty = 0x100;
    public const int Truncate = 0x200;
    public const int NonBlock = 0x800;
    public const int Dsync = 0x1000;
    public const int Sync = 0x101000;
    public const int CloseOnExec = 0x80000;
    public const int Path = 0x200000;

    private static readonly bool IsArm =
        RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 or Architecture.Armv6;

    public static readonly int Directory = IsArm ? 0x4000 : 0x10000;

    public static readonly int NoFollow = IsArm ? 0x8000 : 0x20000;

    /// <summary>Needed on 32-bit hosts for files over 2 GiB; 0 where off_t is already 64-bit.</summary>
    public static readonly int LargeFile = !Environment.Is64BitProcess ? (IsArm ? 0x20000 : 0x8000) : 0;
}
