using EdgeWasm.Protocol.Profiles;

namespace EdgeWasm.EdgeAgent.Profiles;

/// <summary>Which hardware profile the agent runs with (<c>--profile NAME</c>). Bound from the "Profile" section.</summary>
internal sealed class ProfileOptions
{
    /// <summary>The profile's name, e.g. raspberry-pi-4-4gb.</summary>
    public string Name { get; set; } = "";

    /// <summary>The folder holding the profiles; the one shipped next to the agent by default.</summary>
    public string Directory { get; set; } = ProfileLoader.DefaultDirectory;
}
