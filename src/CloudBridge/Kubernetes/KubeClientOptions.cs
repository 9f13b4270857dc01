namespace EdgeWasm.CloudBridge.Kubernetes;

/// <summary>Client-side flow control and timeouts; the defaults are client-go's.</summary>
internal sealed record KubeClientOptions
{
    /// <summary>Sustained requests per second (client-go: 5). Zero or less turns rate limiting off.</summary>
    public double Qps { get; init; } = 5;

    /// <summary>Requests allowed in a burst above <see cref="Qps"/> (client-go: 10).</summary>
    public int Burst { get; init; } = 10;

    /// <summary>Retries of one request on 429, 5xx and connection errors (client-go: 10).</summary>
    public int MaxRetries { get; init; } = 10;

    /// <summary>First retry delay without Retry-After; doubles with jitter on each retry.</summary>
    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap on the backoff delay (a server's Retry-After is honoured as given, up to five minutes).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one non-watch request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>User-Agent header.</summary>
    public string UserAgent { get; init; } = "edgewasm-bridge/0.1.0";

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value that cannot work.</summary>
    public void Validate()
    {
        if (Qps > 0) ArgumentOutOfRangeException.ThrowIfLessThan(Burst, 1, nameof(Burst));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryInitialDelay, TimeSpan.Zero, nameof(RetryInitialDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMaxDelay, RetryInitialDelay, nameof(RetryMaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        ArgumentException.ThrowIfNullOrWhiteSpace(UserAgent, nameof(UserAgent));
    }
}
