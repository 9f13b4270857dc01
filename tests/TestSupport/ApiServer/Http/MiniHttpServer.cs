using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EdgeWasm.TestSupport.ApiServer.Http;

/// <summary>
/// A small HTTP/1.1 server over TcpListener and (optionally) SslStream, enough for an API server double:
/// keep-alive, Content-Length and chunked request bodies, whole and chunked (streamed) responses, optional
/// TLS client certificates verified against a CA, and a way to cut every open connection at once.
/// </summary>
internal sealed class MiniHttpServer : IAsyncDisposable
{
    private readonly Func<HttpRequestData, HttpResponseSink, CancellationToken, Task> _handler;
    private readonly X509Certificate2? _serverCertificate;
    private readonly X509Certificate2Collection? _clientCas;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, (TcpClient Client, CancellationTokenSource Cts)> _connections = new();
    private readonly ConcurrentBag<Task> _tasks = [];
    private Task? _acceptLoop;
    private int _nextId;

    /// <summary>A server on a free loopback port; HTTPS when <paramref name="serverCertificate"/> is given.</summary>
    public MiniHttpServer(Func<HttpRequestData, HttpResponseSink, CancellationToken, Task> handler, X509Certificate2? serverCertificate, X509Certificate2Collection? clientCas)
    {
        _handler = handler;
        _serverCertificate = serverCertificate;
        _clientCas = clientCas;
        _listener = new TcpListener(IPAddress.Loopback, 0);
    }

    /// <summary>The base URL, e.g. https://127.0.0.1:41234.</summary>
    public Uri BaseUri => new($"{(_serverCertificate is null ? "http" : "https")}://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Starts accepting connections.</summary>
    public void Start()
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    /// <summary>Closes every open connection abruptly, as a network failure would.</summary>
    public void DropConnections()
    {
        foreach (var (_, (client, cts)) in _connections)
        {
            try
            {
                cts.Cancel();
                client.Client.Close(0);
            }
            catch (ObjectDisposedException)
            {
                // The connection ended on its own meanwhile.
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropConnections();
        if (_acceptLoop is not null) await _acceptLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        await Task.WhenAll(_tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var id = Interlocked.Increment(ref _nextId);
            var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _connections[id] = (client, cts);
            _tasks.Add(Task.Run(async () =>
            {
                try
                {
                    await ServeConnectionAsync(client, cts.Token);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException or System.Security.Authentication.AuthenticationException)
                {
                    // The peer went away, the handshake failed, or the connection was dropped on purpose.
                }
                finally
                {
                    _connections.TryRemove(id, out _);
                    client.Dispose();
                    cts.Dispose();
                }
            }, CancellationToken.None));
        }
    }

    private async Task ServeConnectionAsync(TcpClient client, CancellationToken cancellationToken)
    {
        client.NoDelay = true;
        Stream stream = client.GetStream();
        X509Certificate2? clientCert = null;
        if (_serverCertificate is not null)
        {
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = _serverCertificate,
                ApplicationProtocols = [SslApplicationProtocol.Http11],
                // Like the API server: a client certificate is asked for, verified if given, but optional.
                ClientCertificateRequired = _clientCas is not null,
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert is null || VerifyClient(cert),
            }, cancellationToken);
            if (ssl.RemoteCertificate is { } rc) clientCert = rc as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(rc.GetRawCertData());
            stream = ssl;
        }

        await using var _ = stream;
        var reader = new BufferedReader(stream);
        while (!cancellationToken.IsCancellationRequested)
        {
            var request = await ReadRequestAsync(reader, clientCert, cancellationToken);
            if (request is null) return;
            var keepAlive = !string.Equals(request.Header("Connection"), "close", StringComparison.OrdinalIgnoreCase);
            var sink = new HttpResponseSink(stream, keepAlive);
            await _handler(request, sink, cancellationToken);
            if (!sink.Started) await sink.SendAsync(500, "text/plain", "no response"u8.ToArray(), null, cancellationToken);
            if (!sink.KeepAlive) return;
        }
    }

    private bool VerifyClient(X509Certificate certificate)
    {
        if (_clientCas is null) return false;
        using var cert = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_clientCas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(cert);
    }

    private static async Task<HttpRequestData?> ReadRequestAsync(BufferedReader reader, X509Certificate2? clientCert, CancellationToken cancellationToken)
    {
        var requestLine = await reader.ReadLineAsync(cancellationToken);
        if (requestLine is null) return null;
        var parts = requestLine.Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal)) throw new IOException($"bad request line '{requestLine}'");

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadLineAsync(cancellationToken) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new IOException($"bad header line '{line}'");
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
        }

        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync(reader, cancellationToken);
        }
        else if (headers.TryGetValue("Content-Length", out var cl))
        {
            body = await reader.ReadExactlyAsync(int.Parse(cl, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }
        else
        {
            body = [];
        }

        var target = parts[1];
        var q = target.IndexOf('?', StringComparison.Ordinal);
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (q >= 0)
        {
            foreach (var pair in target[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
                query[key] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }

        return new HttpRequestData
        {
            Method = parts[0],
            Target = target,
            Path = Uri.UnescapeDataString(q < 0 ? target : target[..q]),
            Query = query,
            Headers = headers,
            Body = body,
            ClientCertificate = clientCert,
        };
    }

    private static async Task<byte[]> ReadChunkedAsync(BufferedReader reader, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("unexpected end of chunked body");
            var size = Convert.ToInt32(sizeLine.Split(';')[0].Trim(), 16);
            if (size == 0)
            {
                while (await reader.ReadLineAsync(cancellationToken) is { Length: > 0 })
                {
                    // Trailers are ignored.
                }

                return body.ToArray();
            }

            body.Write(await reader.ReadExactlyAsync(size, cancellationToken));
            await reader.ReadLineAsync(cancellationToken);
        }
    }

    private sealed class BufferedReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new List<byte>();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken)) return line.Count == 0 ? null : throw new IOException("connection closed mid-line");
                var b = _buffer[_start++];
                if (b == '\n')
                {
                    if (line.Count > 0 && line[^1] == '\r') line.RemoveAt(line.Count - 1);
                    return Encoding.Latin1.GetString([.. line]);
                }

                line.Add(b);
                if (line.Count > 64 * 1024) throw new IOException("header line too long");
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var done = 0;
            while (done < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken)) throw new IOException("connection closed mid-body");
                var n = Math.Min(count - done, _end - _start);
                Array.Copy(_buffer, _start, result, done, n);
                _start += n;
                done += n;
            }

            return result;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}
