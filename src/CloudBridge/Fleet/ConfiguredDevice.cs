using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.Fleet;

/// <summary>A device named in the bridge's configuration (<c>--device ID[=PROFILE]</c> or a line of the devices file).</summary>
internal sealed record ConfiguredDevice(string DeviceId, string? Profile)
{
    /// <summary>Parses <c>ID</c> or <c>ID=PROFILE</c>; a bad device id is an <see cref="ArgumentException"/> that says why.</summary>
    public static ConfiguredDevice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split('=', 2);
        var id = parts[0].Trim();
        DeviceIds.Validate(id);
        var profile = parts.Length > 1 ? parts[1].Trim() : null;
        if (profile is { Length: 0 }) throw new ArgumentException($"device '{text}': the profile after '=' is empty");
        return new ConfiguredDevice(id, profile);
    }
}
