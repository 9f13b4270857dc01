using System.Text.Json;

namespace EdgeWasm.Protocol.Profiles;

/// <summary>
/// Loads hardware profiles from a folder of <c>NAME.json</c> files (the build copies hardware/profiles next to the
/// agent and the bridge as <c>profiles/</c>). Every profile is checked with <see cref="HardwareProfile.Validate"/>.
/// </summary>
public sealed class ProfileLoader
{
    /// <summary>The schema's file name, which sits among the profiles but is not one.</summary>
    public const string SchemaFileName = "schema.json";

    /// <summary>Reads profiles from <paramref name="directory"/>.</summary>
    public ProfileLoader(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    /// <summary>The <c>profiles</c> folder next to the running program.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "profiles");

    /// <summary>Where profiles are read from.</summary>
    public string Directory { get; }

    /// <summary>The names of every profile in the folder, sorted.</summary>
    public IReadOnlyList<string> Names() =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.EnumerateFiles(Directory, "*.json")
                .Where(f => !Path.GetFileName(f).Equals(SchemaFileName, StringComparison.OrdinalIgnoreCase))
                .Select(f => Path.GetFileNameWithoutExtension(f))
                .Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The profile called <paramref name="name"/>.</summary>
    /// <exception cref="ProfileException">Unknown (the message lists the known ones), unreadable, or invalid.</exception>
    public HardwareProfile Load(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var known = Names();
        if (!known.Contains(name, StringComparer.Ordinal))
        {
            throw new ProfileException(known.Count == 0
                ? $"unknown hardware profile '{name}': {Directory} holds no profiles"
                : $"unknown hardware profile '{name}'; known profiles: {string.Join(", ", known)}");
        }

        return LoadFile(Path.Combine(Directory, name + ".json"));
    }

    /// <summary>Every profile in the folder.</summary>
    public IReadOnlyList<HardwareProfile> LoadAll() => [.. Names().Select(Load)];

    /// <summary>Reads and checks one profile file; its name must match the file name.</summary>
    /// <exception cref="ProfileException">Unreadable, not valid JSON for a profile, or breaking a rule.</exception>
    public static HardwareProfile LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProfileException($"cannot read profile {path}: {ex.Message}", ex);
        }

        var profile = Parse(json, path);
        var expected = Path.GetFileNameWithoutExtension(path);
        if (profile.Name != expected) throw new ProfileException($"profile {path}: name '{profile.Name}' must equal the file name '{expected}'");
        return profile;
    }

    /// <summary>Parses and checks profile JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ProfileException">Not valid JSON for a profile, or breaking a rule.</exception>
    public static HardwareProfile Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        HardwareProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize(json, ProfileJsonContext.Default.HardwareProfile);
        }
        catch (JsonException ex)
        {
            throw new ProfileException($"profile {source} is not valid: {ex.Message}", ex);
        }

        if (profile is null) throw new ProfileException($"profile {source} is the JSON literal null");
        var errors = profile.Validate();
        if (errors.Count > 0) throw new ProfileException($"profile {source} is not valid: {string.Join("; ", errors)}");
        return profile;
    }
}
