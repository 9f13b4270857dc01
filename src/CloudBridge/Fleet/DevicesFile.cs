namespace EdgeWasm.CloudBridge.Fleet;

/// <summary>
/// The devices file: one device per line, <c>ID</c> or <c>ID PROFILE</c> (or <c>ID=PROFILE</c>); blank lines and
/// <c>#</c> comments are skipped. Errors name the file and line.
/// </summary>
internal static class DevicesFile
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">A line is not a device.</exception>
    public static IReadOnlyList<ConfiguredDevice> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllLines(path), path);
    }

    /// <summary>Parses the lines of a devices file; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<ConfiguredDevice> Parse(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var devices = new List<ConfiguredDevice>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash < 0 ? raw : raw[..hash]).Trim();
            if (line.Length == 0) continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 2) throw new FormatException($"{source}:{number}: expected 'ID' or 'ID PROFILE', got '{line}'");
            try
            {
                devices.Add(ConfiguredDevice.Parse(fields.Length == 2 ? $"{fields[0]}={fields[1]}" : fields[0]));
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"{source}:{number}: {ex.Message}", ex);
            }
        }

        var twice = devices.GroupBy(d => d.DeviceId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new FormatException($"{source}: device '{twice.Key}' is listed more than once");
        return devices;
    }
}
