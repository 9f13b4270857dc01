namespace EdgeWasm.Cli.Run;

/// <summary>
/// A <c>--dir</c> value: a host directory the guest sees as a preopen. <c>HOST::GUEST</c> maps it to another
/// guest path, a bare <c>DIR</c> uses the same path on both sides (as <c>wasmtime run --dir</c>), and a
/// trailing <c>:ro</c> makes it read-only (Wasmtime's CLI has no read-only form).
/// </summary>
internal sealed record DirectoryMapping(string HostPath, string GuestPath, bool ReadOnly)
{
    private const string Separator = "::";
    private const string ReadOnlySuffix = ":ro";

    /// <summary>Parses <c>HOST::GUEST[:ro]</c> or <c>DIR[:ro]</c>; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string text, out DirectoryMapping? mapping, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        mapping = null;
        var parts = text.Split(Separator);
        if (parts.Length > 2)
        {
            error = $"--dir \"{text}\" has more than one \"{Separator}\" (expected HOST::GUEST, DIR, or either with a :ro suffix)";
            return false;
        }

        // The suffix belongs to the last part, so "host::ro" is a guest path named "ro", not a flag.
        var last = parts[^1];
        var readOnly = last.EndsWith(ReadOnlySuffix, StringComparison.Ordinal);
        if (readOnly) parts[^1] = last[..^ReadOnlySuffix.Length];
        var host = parts[0];
        var guest = parts[^1];
        if (host.Length == 0 || guest.Length == 0)
        {
            error = $"--dir \"{text}\" has an empty {(host.Length == 0 ? "host directory" : "guest path")} (expected HOST::GUEST[:ro] or DIR[:ro])";
            return false;
        }

        mapping = new DirectoryMapping(host, guest, readOnly);
        error = "";
        return true;
    }
}
