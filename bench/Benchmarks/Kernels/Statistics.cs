namespace EdgeWasm.Benchmarks.Kernels;

/// <summary>Medians and geometric means: the statistics that survive 5–40 % noise between runs.</summary>
internal static class Statistics
{
    /// <summary>The median of <paramref name="values"/> (mean of the middle two for an even count); null when empty.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The geometric mean of positive <paramref name="values"/>; null when empty.</summary>
    public static double? GeometricMean(IEnumerable<double> values)
    {
        var logs = values.Select(v => v > 0 ? Math.Log(v) : throw new ArgumentOutOfRangeException(nameof(values), v, "a geometric mean needs positive values")).ToArray();
        return logs.Length == 0 ? null : Math.Exp(logs.Average());
    }
}
