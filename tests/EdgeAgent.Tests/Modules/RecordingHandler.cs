using System.Collections.Concurrent;

namespace EdgeWasm.EdgeAgent.Tests.Modules;

/// <summary>Records every request that leaves the registry client, so tests can assert which ones did (or none).</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<string> _requests = new();

    /// <summary>"METHOD /path" of every request, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public void Clear() => _requests.Clear();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
        return base.SendAsync(request, cancellationToken);
    }
}
