using System.Runtime.InteropServices;

namespace EdgeWasm.Runtime.Wasi.Host;

/// <summary>
/// Linux <c>struct statx</c>. Unlike <c>struct stat</c> its layout is the same on every architecture,
/// which is why the sandbox uses statx rather than fstatat.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct StatxBuffer
{
    [FieldOffset(0)] public uint Mask;
    [FieldOffset(16)] public uint LinkCount;
    [FieldOffset(28)] public ushort Mode;
    [FieldOffset(32)] public ulong Inode;
    [FieldOffset(40)] public ulong Size;
    [FieldOffset(64)] public long AccessSeconds;
    [FieldOffset(72)] public uint AccessNanoseconds;
    [FieldOffset(96)] public long ChangeSeconds;
    [FieldOffset(104)] public uint ChangeNanoseconds;
    [FieldOffset(112)] public long ModifySeconds;
    [FieldOffset(120)] public uint ModifyNanoseconds;
    [FieldOffset(136)] public uint DeviceMajor;
    [FieldOffset(140)] public uint DeviceMinor;
}
