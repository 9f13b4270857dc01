using System.Globalization;

namespace EdgeWasm.Cli.Run;

/// <summary>Parses the CLI's sizes (<c>64MiB</c>, <c>512k</c>, <c>1048576</c>) and durations (<c>5s</c>, <c>250ms</c>, <c>2m</c>).</summary>
internal static class SizeParser
{
    private static readonly (string Suffix, long Factor)[] Sizes =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30),
        ("KB", 1000), ("MB", 1000_000), ("GB", 1000_000_000),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("B", 1),
    ];

    private static readonly (string Suffix, double Milliseconds)[] Durations =
        [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];

    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var (number, factor) = Split(text.Trim(), Sizes, defaultFactor: 1);
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || factor == 0) return false;
        if (value > long.MaxValue / factor) return false;
        bytes = value * factor;
        return true;
    }

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var (number, factor) = Split(text.Trim(), Durations, defaultFactor: 1000);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || factor == 0) return false;
        var milliseconds = value * factor;
        if (milliseconds > TimeSpan.MaxValue.TotalMilliseconds) return false;
        duration = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    // The longest matching suffix wins ("ms" before "m", "MiB" before "M"); case-insensitive.
    private static (string Number, T Factor) Split<T>(string text, (string Suffix, T Factor)[] units, T defaultFactor)
        where T : struct
    {
        foreach (var (suffix, factor) in units.OrderByDescending(u => u.Suffix.Length))
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return (text[..^suffix.Length].TrimEnd(), factor);
        }

        return (text, defaultFactor);
    }
}
