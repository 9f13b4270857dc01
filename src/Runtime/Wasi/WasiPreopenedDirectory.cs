namespace EdgeWasm.Runtime.Wasi;

/// <summary>A host directory the guest sees at <see cref="GuestPath"/>; the guest sees nothing outside its preopens.</summary>
/// <param name="HostPath">The directory on the host (resolved by the host, so it may itself be a symlink).</param>
/// <param name="GuestPath">The path the guest opens it by, e.g. <c>/data</c> or <c>.</c>.</param>
/// <param name="ReadOnly">Refuse every change below it (create, write, rename, delete, set times) with EPERM.</param>
public sealed record WasiPreopenedDirectory(string HostPath, string GuestPath, bool ReadOnly);
