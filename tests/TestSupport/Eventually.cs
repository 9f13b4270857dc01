namespace EdgeWasm.TestSupport;

/// <summary>Waiting for a condition that other threads or processes make true.</summary>
public static class Eventually
{
    /// <summary>Completes when <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="timeout"/> (20 s).</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }
}
