namespace EdgeWasm.Protocol.Mqtt;

/// <summary>
/// Reconnect delays: <c>min(first × 2^(n-1), max)</c>, spread to 50–100 % by a factor derived from the client id so
/// that a fleet reconnecting after a broker restart does not arrive at the same instant.
/// </summary>
internal static class ReconnectBackoff
{
    /// <summary>The delay before attempt <paramref name="failures"/>+1 (failures ≥ 1).</summary>
    public static TimeSpan Delay(int failures, TimeSpan first, TimeSpan max, string clientId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var exponent = Math.Min(failures - 1, 30);
        var raw = Math.Min(first.Ticks * (double)(1L << exponent), max.Ticks);
        // Deterministic per (client, attempt), so tests can predict it and devices still differ.
        var spread = 0.5 + (0.5 * (StableHash(clientId, failures) % 1000) / 1000.0);
        return TimeSpan.FromTicks(Math.Max(1, (long)(raw * spread)));
    }

    private static uint StableHash(string text, int salt)
    {
        // FNV-1a: string.GetHashCode is randomised per process.
        var hash = 2166136261u ^ (uint)salt;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
