using System.Globalization;

namespace EdgeWasm.Runtime.Tests;

/// <summary>Knobs that randomized tests read from the environment (seeds, case counts), with their defaults.</summary>
internal static class TestEnvironment
{
    public static int Int(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
