using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using EdgeWasm.CloudBridge.Kubernetes.Config;
using EdgeWasm.CloudBridge.Kubernetes.Flow;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Kubernetes;

/// <summary>
/// A lean typed Kubernetes client over HttpClient: get, list, create, update, patch, delete and watch for the
/// resources in <see cref="KubeResources"/>. Every request passes a token-bucket rate limiter and is retried with
/// exponential backoff on 429, 5xx and connection errors (honouring Retry-After) when retrying is safe. Errors
/// come back as <see cref="KubeApiException"/> carrying the server's Status.
/// </summary>
internal sealed partial class KubeClient : IDisposable
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);
    private readonly HttpClient _http;
    private readonly KubeClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TokenBucketRateLimiter _limiter;
    private readonly BearerTokenSource _token;
    private readonly AuthenticationHeaderValue? _basic;

    /// <summary>A client for <paramref name="connection"/>; <paramref name="handler"/> replaces the TLS handler (tests).</summary>
    public KubeClient(KubeConnection connection, KubeClientOptions options, TimeProvider time, ILogger<KubeClient> logger, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Connection = connection;
        _options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _limiter = new TokenBucketRateLimiter(options.Qps, options.Burst, time);
        _token = new BearerTokenSource(connection.BearerToken, connection.BearerTokenFile, time);
        if (connection.Username is not null)
        {
            _basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{connection.Username}:{connection.Password}")));
        }

        _http = new HttpClient(handler ?? KubeHttpHandlerFactory.Create(connection), disposeHandler: true)
        {
            BaseAddress = connection.Server,
            // Watches stream for minutes; per-request timeouts are applied by SendAsync instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
    }

    /// <summary>Where this client connects.</summary>
    public KubeConnection Connection { get; }

    /// <summary>Reads one object.</summary>
    public async Task<T> GetAsync<T>(KubeResource<T> resource, string? ns, string name, CancellationToken cancellationToken) where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        var path = resource.ItemPath(ns, name);
        using var response = await SendAsync(HttpMethod.Get, path, null, idempotent: true, stream: false, cancellationToken);
        return await ReadAsync(response, resource.TypeInfo, $"get {path}", cancellationToken);
    }

    /// <summary>Reads one object, or null when it does not exist.</summary>
    public async Task<T?> TryGetAsync<T>(KubeResource<T> resource, string? ns, string name, CancellationToken cancellationToken) where T : KubeObject
    {
        try
        {
            return await GetAsync(resource, ns, name, cancellationToken);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Lists one page; pass <see cref="ListOptions.Continue"/> from the previous page for the next.</summary>
    public async Task<KubeList<T>> ListAsync<T>(KubeResource<T> resource, string? ns, ListOptions? options, CancellationToken cancellationToken) where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        options ??= new ListOptions();
        var path = resource.CollectionPath(ns) + Query(
            ("labelSelector", options.LabelSelector), ("fieldSelector", options.FieldSelector),
            ("limit", options.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("continue", options.Continue),
            ("resourceVersion", options.ResourceVersion), ("resourceVersionMatch", options.ResourceVersionMatch));
        using var response = await SendAsync(HttpMethod.Get, path, null, idempotent: true, stream: false, cancellationToken);
        return await ReadAsync(response, resource.ListTypeInfo, $"list {path}", cancellationToken);
    }

    /// <summary>Lists every page of a consistent snapshot; the result carries the snapshot's resourceVersion.</summary>
    public async Task<KubeList<T>> ListAllAsync<T>(KubeResource<T> resource, string? ns, ListOptions? options, CancellationToken cancellationToken) where T : KubeObject
    {
        options ??= new ListOptions();
        var items = new List<T>();
        KubeList<T>? first = null;
        string? token = null;
        do
        {
            var page = await ListAsync(resource, ns, options with { Continue = token }, cancellationToken);
            first ??= page;
            items.AddRange(page.Items);
            token = page.Metadata.Continue is { Length: > 0 } next ? next : null;
        }
        while (token is not null);

        // All pages come from the first page's snapshot, so its resourceVersion is the list's.
        return first with { Items = items, Metadata = first.Metadata with { Continue = null, RemainingItemCount = null } };
    }

    /// <summary>Creates an object in the namespace of its metadata.</summary>
    public async Task<T> CreateAsync<T>(KubeResource<T> resource, T item, CancellationToken cancellationToken) where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(item);
        var path = resource.CollectionPath(NamespaceOf(resource, item));
        using var content = JsonContent(item, resource);
        // A create is not repeated after a lost answer: a retry could only report AlreadyExists.
        using var response = await SendAsync(HttpMethod.Post, path, content, idempotent: false, stream: false, cancellationToken);
        return await ReadAsync(response, resource.TypeInfo, $"create {path}", cancellationToken);
    }

    /// <summary>Replaces an object (PUT). A stale metadata.resourceVersion is a <see cref="KubeConflictException"/>.</summary>
    public Task<T> UpdateAsync<T>(KubeResource<T> resource, T item, CancellationToken cancellationToken) where T : KubeObject =>
        PutAsync(resource, item, null, cancellationToken);

    /// <summary>Replaces an object's status through the status subresource; its spec is not touched.</summary>
    public Task<T> UpdateStatusAsync<T>(KubeResource<T> resource, T item, CancellationToken cancellationToken) where T : KubeObject =>
        PutAsync(resource, item, "status", cancellationToken);

    /// <summary>Patches an object, or its <paramref name="subresource"/> (e.g. <c>status</c>).</summary>
    public async Task<T> PatchAsync<T>(KubeResource<T> resource, string? ns, string name, KubePatch patch, string? subresource, CancellationToken cancellationToken)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(patch);
        var path = resource.ItemPath(ns, name, subresource);
        using var content = new StringContent(patch.Body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(patch.ContentType);
        // Merge patches are idempotent; a JSON patch may not be (an "add" to a list appends again).
        var idempotent = patch.ContentType != KubePatch.JsonContentType;
        using var response = await SendAsync(HttpMethod.Patch, path, content, idempotent, stream: false, cancellationToken);
        return await ReadAsync(response, resource.TypeInfo, $"patch {path}", cancellationToken);
    }

    /// <summary>
    /// Deletes an object. Returns false when it was already gone (404 is success, as for the kubelet); a failed
    /// precondition is a <see cref="KubeConflictException"/>.
    /// </summary>
    public async Task<bool> DeleteAsync<T>(KubeResource<T> resource, string? ns, string name, DeleteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        var path = resource.ItemPath(ns, name);
        using var content = options is null ? null : new StringContent(JsonSerializer.Serialize(options, KubeJsonContext.Default.DeleteOptions), Encoding.UTF8, "application/json");
        using var response = await SendAsync(HttpMethod.Delete, path, content, idempotent: true, stream: false, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureSuccessAsync(response, $"delete {path}", cancellationToken);
        return true;
    }

    /// <summary>
    /// Watches a collection: yields events until the server ends the stream (timeout) or the token is cancelled.
    /// An ERROR event is yielded as such (a 410 there means: relist); a refused watch throws <see cref="KubeApiException"/>.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(KubeResource<T> resource, string? ns, WatchOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken) where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(options);
        var path = resource.CollectionPath(ns) + Query(
            ("watch", "1"), ("resourceVersion", options.ResourceVersion),
            ("allowWatchBookmarks", options.AllowWatchBookmarks ? "true" : null),
            ("labelSelector", options.LabelSelector), ("fieldSelector", options.FieldSelector),
            ("timeoutSeconds", options.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var response = await SendAsync(HttpMethod.Get, path, null, idempotent: true, stream: true, cancellationToken);
        await EnsureSuccessAsync(response, $"watch {path}", cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0) continue;
            yield return DecodeWatchEvent(resource, line, path);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static WatchEvent<T> DecodeWatchEvent<T>(KubeResource<T> resource, string line, string path) where T : KubeObject
    {
        try
        {
            var raw = JsonSerializer.Deserialize(line, KubeJsonContext.Default.RawWatchEvent) ?? throw new JsonException("null watch event");
            var type = raw.Type switch
            {
                "ADDED" => WatchEventType.Added,
                "MODIFIED" => WatchEventType.Modified,
                "DELETED" => WatchEventType.Deleted,
                "BOOKMARK" => WatchEventType.Bookmark,
                "ERROR" => WatchEventType.Error,
                _ => throw new JsonException($"unknown watch event type '{raw.Type}'"),
            };
            return type == WatchEventType.Error
                ? new WatchEvent<T>(type, null, raw.Object.Deserialize(KubeJsonContext.Default.KubeStatus))
                : new WatchEvent<T>(type, raw.Object.Deserialize(resource.TypeInfo) ?? throw new JsonException("null watch object"), null);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"watch {path}: undecodable event: {ex.Message}", ex);
        }
    }

    private async Task<T> PutAsync<T>(KubeResource<T> resource, T item, string? subresource, CancellationToken cancellationToken) where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(item);
        var name = item.Metadata.Name ?? throw new ArgumentException("metadata.name is required for an update", nameof(item));
        var path = resource.ItemPath(NamespaceOf(resource, item), name, subresource);
        using var content = JsonContent(item, resource);
        using var response = await SendAsync(HttpMethod.Put, path, content, idempotent: true, stream: false, cancellationToken);
        return await ReadAsync(response, resource.TypeInfo, $"update {path}", cancellationToken);
    }

    private static string? NamespaceOf<T>(KubeResource<T> resource, T item) where T : KubeObject
    {
        if (!resource.Namespaced) return null;
        return item.Metadata.Namespace is { Length: > 0 } ns ? ns : throw new ArgumentException($"metadata.namespace is required for {resource.Plural}");
    }

    private static ByteArrayContent JsonContent<T>(T item, KubeResource<T> resource) where T : KubeObject
    {
        // apiVersion and kind are required by the server; fill them in if the caller built the object bare.
        var typed = item with { ApiVersion = item.ApiVersion ?? resource.ApiVersion, Kind = item.Kind ?? resource.Kind };
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(typed, resource.TypeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task<TOut> ReadAsync<TOut>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TOut> typeInfo, string operation, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, operation, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) ?? throw new JsonException("null body");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{operation}: undecodable answer: {ex.Message}", ex);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        KubeStatus? status = null;
        try
        {
            status = body.Length > 0 ? JsonSerializer.Deserialize(body, KubeJsonContext.Default.KubeStatus) : null;
            if (status?.Kind != "Status") status = null;
        }
        catch (JsonException)
        {
            // Not a Status (a proxy's HTML page, say): the raw body goes into the message instead.
        }

        throw KubeApiException.FromStatus(operation, response.StatusCode, status, body);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, bool idempotent, bool stream, CancellationToken cancellationToken)
    {
        var backoff = new ExponentialBackoff(_options.RetryInitialDelay, _options.RetryMaxDelay);
        // Buffer the body once so each retry sends the same bytes.
        var body = content is null ? null : await content.ReadAsByteArrayAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            await _limiter.WaitAsync(cancellationToken);
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (_token.Current() is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            else if (_basic is not null) request.Headers.Authorization = _basic;
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = content!.Headers.ContentType;
            }

            using var timeout = stream ? null : new CancellationTokenSource(_options.RequestTimeout, _time);
            using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
                    linked?.Token ?? cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && attempt < _options.MaxRetries && IsRetryable(ex, idempotent))
            {
                var delay = backoff.Next();
                LogRetrying(_logger, method.Method, path, ex.Message, (long)delay.TotalMilliseconds, attempt + 1);
                await Task.Delay(delay, _time, cancellationToken);
                continue;
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{method.Method} {path} took longer than {_options.RequestTimeout}", ex);
            }

            if (attempt < _options.MaxRetries && ShouldRetry(response, idempotent, out var retryAfter))
            {
                // The server's Retry-After wins over our own backoff; only an absurd value is cut short.
                var delay = retryAfter is { } asked ? (asked < MaxRetryAfter ? asked : MaxRetryAfter) : backoff.Next();
                LogRetrying(_logger, method.Method, path, $"{(int)response.StatusCode} {response.ReasonPhrase}", (long)delay.TotalMilliseconds, attempt + 1);
                response.Dispose();
                await Task.Delay(delay, _time, cancellationToken);
                continue;
            }

            return response;
        }
    }

    private static bool IsRetryable(Exception ex, bool idempotent)
    {
        // Nothing reached the server when the connection was refused, so even a create may be retried.
        if (ex is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } }) return true;
        return idempotent && ex is HttpRequestException or OperationCanceledException or IOException;
    }

    private bool ShouldRetry(HttpResponseMessage response, bool idempotent, out TimeSpan? retryAfter)
    {
        retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero,
            _ => null,
        };
        var code = (int)response.StatusCode;
        // 429 means the request was not processed; so does any 5xx that asks to come back later.
        if (code == 429) return true;
        if (code >= 500 && retryAfter is not null) return true;
        return code >= 500 && idempotent;
    }

    private static string Query(params (string Key, string? Value)[] parameters)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in parameters)
        {
            if (string.IsNullOrEmpty(value)) continue;
            sb.Append(sb.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }

        return sb.ToString();
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Kubernetes {Method} {Path} failed ({Error}); retry {Attempt} in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string method, string path, string error, long delayMs, int attempt);
}
