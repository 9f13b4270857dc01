using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.Protocol.IotHub;

namespace EdgeWasm.CloudBridge.IotHub;

/// <summary>
/// IoT Hub's service REST API (api-version 2021-04-12) with a shared access policy's SAS tokens: device identities
/// (<c>PUT/GET /devices/{id}</c>), twins (<c>GET /twins/{id}</c>, <c>PATCH /twins/{id}</c> with If-Match), the
/// twin query with continuation (<c>POST /devices/query</c>) and direct methods (<c>POST /twins/{id}/methods</c>).
/// Errors become <see cref="IotHubServiceException"/> with the hub's error code.
/// </summary>
internal sealed class IotHubServiceClient : IDisposable
{
    private readonly IotHubServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly Lock _gate = new();
    private string? _token;
    private DateTimeOffset _renewAt;

    /// <summary>Creates the client; <paramref name="handler"/> replaces the default HTTPS handler (tests, proxies).</summary>
    public IotHubServiceClient(IotHubServiceOptions options, TimeProvider time, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time;
        handler ??= options.CaFile is null ? new HttpClientHandler() : CaTrust.Handler(options.CaFile);
        // Deadlines are per request: a direct method may legitimately wait minutes for its device.
        _http = new HttpClient(handler) { BaseAddress = options.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The device identity, created with a symmetric key made by the hub when it does not exist yet (then <c>Created</c>).</summary>
    public async Task<(JsonObject Identity, bool Created)> EnsureDeviceAsync(string deviceId, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["deviceId"] = deviceId, ["authentication"] = new JsonObject { ["type"] = "sas" }, ["status"] = "enabled" };
        try
        {
            return ((JsonObject)(await SendAsync(HttpMethod.Put, $"devices/{Uri.EscapeDataString(deviceId)}", body, null, "device identity create", cancellationToken).ConfigureAwait(false))!, true);
        }
        catch (IotHubServiceException ex) when (ex.Status == HttpStatusCode.Conflict)
        {
            // A PUT without If-Match only creates: the identity is there already.
            return ((JsonObject)(await SendAsync(HttpMethod.Get, $"devices/{Uri.EscapeDataString(deviceId)}", null, null, "device identity read", cancellationToken).ConfigureAwait(false))!, false);
        }
    }

    /// <summary>One device's twin.</summary>
    public async Task<TwinDocument> GetTwinAsync(string deviceId, CancellationToken cancellationToken)
    {
        var twin = await SendAsync(HttpMethod.Get, $"twins/{Uri.EscapeDataString(deviceId)}", null, null, "twin read", cancellationToken).ConfigureAwait(false);
        return TwinDocument.Parse((JsonObject)twin!);
    }

    /// <summary>Patches desired properties if the twin's etag is still <paramref name="etag"/> ("*" for any); returns the new twin.</summary>
    /// <exception cref="IotHubServiceException">With 412 when someone changed the twin since <paramref name="etag"/>.</exception>
    public async Task<TwinDocument> UpdateDesiredAsync(string deviceId, JsonObject desiredPatch, string etag, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["properties"] = new JsonObject { ["desired"] = desiredPatch } };
        var ifMatch = etag == "*" ? etag : $"\"{etag.Trim('"')}\"";
        var twin = await SendAsync(HttpMethod.Patch, $"twins/{Uri.EscapeDataString(deviceId)}", body, request => request.Headers.TryAddWithoutValidation("If-Match", ifMatch), "twin update", cancellationToken).ConfigureAwait(false);
        return TwinDocument.Parse((JsonObject)twin!);
    }

    /// <summary>Every twin a query returns, page by page (following <c>x-ms-continuation</c>).</summary>
    public async IAsyncEnumerable<TwinDocument> QueryTwinsAsync(string query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var token = continuation;
            var headers = new HttpResponseHeaders?[1];
            var page = await SendAsync(
                HttpMethod.Post,
                "devices/query",
                new JsonObject { ["query"] = query },
                request =>
                {
                    request.Headers.TryAddWithoutValidation("x-ms-max-item-count", _options.QueryPageSize.ToString(CultureInfo.InvariantCulture));
                    if (token is not null) request.Headers.TryAddWithoutValidation("x-ms-continuation", token);
                },
                "twin query",
                cancellationToken,
                response => headers[0] = response.Headers).ConfigureAwait(false);
            continuation = headers[0]?.TryGetValues("x-ms-continuation", out var values) == true ? values.FirstOrDefault() : null;
            if (page is not JsonArray twins) throw new IotHubServiceException("twin query", HttpStatusCode.OK, null, "the answer is not a JSON array");
            foreach (var twin in twins.OfType<JsonObject>())
            {
                yield return TwinDocument.Parse(twin);
            }
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    /// <summary>Calls a direct method; waits up to <paramref name="responseTimeout"/> for the device's answer.</summary>
    /// <exception cref="IotHubServiceException">The device is not connected (404103) or did not answer in time (504101), among others.</exception>
    public async Task<MethodResult> InvokeMethodAsync(string deviceId, string method, JsonNode? payload, TimeSpan responseTimeout, CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Clamp(Math.Ceiling(responseTimeout.TotalSeconds), 5, 300);
        var body = new JsonObject { ["methodName"] = method, ["responseTimeoutInSeconds"] = seconds, ["connectTimeoutInSeconds"] = 0, ["payload"] = payload };
        var result = await SendAsync(HttpMethod.Post, $"twins/{Uri.EscapeDataString(deviceId)}/methods", body, null, $"direct method {method}", cancellationToken, extraTime: TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
        if (result is not JsonObject answer || answer["status"] is not JsonValue status || !status.TryGetValue<int>(out var code))
        {
            throw new IotHubServiceException($"direct method {method}", HttpStatusCode.OK, null, "the answer has no status");
        }

        return new MethodResult(code, answer["payload"]?.DeepClone());
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<JsonNode?> SendAsync(
        HttpMethod method,
        string path,
        JsonNode? body,
        Action<HttpRequestMessage>? prepare,
        string operation,
        CancellationToken cancellationToken,
        Action<HttpResponseMessage>? inspect = null,
        TimeSpan extraTime = default)
    {
        using var request = new HttpRequestMessage(method, $"{path}?api-version={IotHubTopics.ApiVersion}");
        request.Headers.TryAddWithoutValidation("Authorization", Token());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        prepare?.Invoke(request);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.RequestTimeout + extraTime);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, deadline.Token).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"IoT Hub did not answer the {operation} within {(_options.RequestTimeout + extraTime).TotalSeconds:0.#} s", ex);
        }

        using (response)
        {
            inspect?.Invoke(response);
            if (!response.IsSuccessStatusCode) throw Error(operation, response, text);
            try
            {
                return text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (JsonException ex)
            {
                throw new IotHubServiceException(operation, response.StatusCode, null, "the answer is not JSON: " + ex.Message);
            }
        }
    }

    // The hub's error code: the iothub-errorcode header, "ErrorCode:Name;…" in Message, or a JSON error object inside Message.
    private static IotHubServiceException Error(string operation, HttpResponseMessage response, string text)
    {
        var code = response.Headers.TryGetValues("iothub-errorcode", out var values) ? values.FirstOrDefault() : null;
        var detail = text;
        try
        {
            if (JsonNode.Parse(text) is JsonObject error && error["Message"]?.GetValue<string>() is { } message)
            {
                detail = message;
                if (message.StartsWith("ErrorCode:", StringComparison.Ordinal))
                {
                    var end = message.IndexOf(';', StringComparison.Ordinal);
                    code ??= end > 0 ? message[10..end] : message[10..];
                    detail = end > 0 ? message[(end + 1)..] : message;
                }
                else if (message.StartsWith('{') && JsonNode.Parse(message) is JsonObject inner)
                {
                    code = inner["errorCode"]?.ToJsonString() ?? code;
                    detail = inner["message"]?.GetValue<string>() ?? message;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not the documented error shape: the raw text is the detail.
        }

        return new IotHubServiceException(operation, response.StatusCode, code, detail);
    }

    private string Token()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_token is null || now >= _renewAt)
            {
                _token = SharedAccessSignature.Create(_options.HostName, _options.PolicyKey, now + _options.TokenLifetime, _options.PolicyName);
                _renewAt = now + (_options.TokenLifetime * 0.75);
            }

            return _token;
        }
    }
}
