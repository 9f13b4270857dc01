using System.Runtime.InteropServices;

namespace EdgeWasm.Runtime.Wasi.Host;

/// <summary>Owns one host file descriptor and closes it exactly once.</summary>
internal sealed class HostHandle : SafeHandle
{
    /// <summary>Takes ownership of <paramref name="fd"/>.</summary>
    public HostHandle(int fd) : base(new IntPtr(-1), ownsHandle: true) => SetHandle(new IntPtr(fd));

    /// <inheritdoc />
    public override bool IsInvalid => handle == new IntPtr(-1);

    /// <summary>The raw descriptor number; valid while this handle is not disposed.</summary>
    public int Fd => (int)handle;

    /// <inheritdoc />
    protected override bool ReleaseHandle() => Libc.close((int)handle) == 0;
}
