using EdgeWasm.TestSupport.ApiServer.Http;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>A fault to inject: answer matching requests with <see cref="Status"/> instead of serving them.</summary>
public sealed class InjectedFailure(Func<HttpRequestData, bool> match, int status, int times, int? retryAfterSeconds)
{
    private int _remaining = times;

    /// <summary>The HTTP status to answer with.</summary>
    public int Status => status;

    /// <summary>Seconds for Retry-After, if any.</summary>
    public int? RetryAfterSeconds => retryAfterSeconds;

    /// <summary>How many matching requests were failed so far.</summary>
    public int Hits { get; private set; }

    /// <summary>Consumes one use if the request matches.</summary>
    public bool TryTake(HttpRequestData request)
    {
        if (_remaining <= 0 || !match(request)) return false;
        _remaining--;
        Hits++;
        return true;
    }
}
