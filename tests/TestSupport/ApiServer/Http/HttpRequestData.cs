using System.Security.Cryptography.X509Certificates;

namespace EdgeWasm.TestSupport.ApiServer.Http;

/// <summary>One parsed HTTP/1.1 request.</summary>
public sealed record HttpRequestData
{
    /// <summary>GET, POST, ...</summary>
    public required string Method { get; init; }

    /// <summary>The request target as sent (path and query).</summary>
    public required string Target { get; init; }

    /// <summary>The decoded path, without the query.</summary>
    public required string Path { get; init; }

    /// <summary>Decoded query parameters (last value wins).</summary>
    public required IReadOnlyDictionary<string, string> Query { get; init; }

    /// <summary>Headers, case-insensitive (repeated headers joined with ", ").</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The body (Content-Length or chunked).</summary>
    public required byte[] Body { get; init; }

    /// <summary>The verified TLS client certificate, if the client sent one.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
