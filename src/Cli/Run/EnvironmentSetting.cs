namespace EdgeWasm.Cli.Run;

/// <summary>
/// An <c>--env</c> value: <c>NAME=VALUE</c> sets a variable for the guest; a bare <c>NAME</c> passes the host's
/// value, and leaves the variable unset when the host has none (as <c>wasmtime run --env NAME</c>).
/// </summary>
internal sealed record EnvironmentSetting(string Name, string? Value)
{
    /// <summary>Parses <c>NAME=VALUE</c> or <c>NAME</c>; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string text, out EnvironmentSetting? setting, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? text : text[..equals];
        if (name.Length == 0)
        {
            setting = null;
            error = $"--env \"{text}\" has no variable name (expected NAME=VALUE or NAME)";
            return false;
        }

        setting = new EnvironmentSetting(name, equals < 0 ? null : text[(equals + 1)..]);
        error = "";
        return true;
    }

    /// <summary>The value the guest gets, or null when it inherits a variable the host does not have.</summary>
    public string? Resolve(Func<string, string?> hostEnvironment)
    {
        ArgumentNullException.ThrowIfNull(hostEnvironment);
        return Value ?? hostEnvironment(Name);
    }
}
