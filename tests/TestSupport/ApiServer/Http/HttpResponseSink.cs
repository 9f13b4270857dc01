using System.Globalization;
using System.Text;

namespace EdgeWasm.TestSupport.ApiServer.Http;

/// <summary>Writes one response: either whole (Content-Length) or streamed in chunks (watch).</summary>
internal sealed class HttpResponseSink(Stream stream, bool keepAlive)
{
    private bool _started;
    private bool _chunked;

    /// <summary>True once a response (or its head) was written.</summary>
    public bool Started => _started;

    /// <summary>Whether the connection stays open after this response.</summary>
    public bool KeepAlive { get; private set; } = keepAlive;

    /// <summary>Writes a complete response.</summary>
    public async Task SendAsync(int status, string contentType, byte[] body, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        var head = Head(status, headers) + $"Content-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n";
        _started = true;
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Writes the head of a chunked response.</summary>
    public async Task StartChunkedAsync(int status, string contentType, CancellationToken cancellationToken)
    {
        var head = Head(status, null) + $"Content-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\n";
        _started = true;
        _chunked = true;
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Writes one chunk and flushes it.</summary>
    public async Task WriteChunkAsync(byte[] data, CancellationToken cancellationToken)
    {
        if (!_chunked) throw new InvalidOperationException("not a chunked response");
        if (data.Length == 0) return;
        await stream.WriteAsync(Encoding.ASCII.GetBytes(data.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
        await stream.WriteAsync(data, cancellationToken);
        await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Ends a chunked response properly (the zero-length last chunk).</summary>
    public async Task EndChunkedAsync(CancellationToken cancellationToken)
    {
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private string Head(int status, IReadOnlyDictionary<string, string>? headers)
    {
        if (_started) throw new InvalidOperationException("response already started");
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {Reason(status)}\r\n");
        sb.Append(CultureInfo.InvariantCulture, $"Date: {DateTimeOffset.UtcNow:R}\r\n");
        sb.Append("Cache-Control: no-cache, private\r\n");
        if (!KeepAlive) sb.Append("Connection: close\r\n");
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) sb.Append(CultureInfo.InvariantCulture, $"{k}: {v}\r\n");
        return sb.ToString();
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK", 201 => "Created", 202 => "Accepted", 400 => "Bad Request", 401 => "Unauthorized", 403 => "Forbidden",
        404 => "Not Found", 405 => "Method Not Allowed", 409 => "Conflict", 410 => "Gone", 415 => "Unsupported Media Type",
        422 => "Unprocessable Entity", 429 => "Too Many Requests", 500 => "Internal Server Error", 503 => "Service Unavailable",
        504 => "Gateway Timeout", _ => "Status",
    };
}
