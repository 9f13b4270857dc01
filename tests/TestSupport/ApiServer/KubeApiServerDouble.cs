using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using EdgeWasm.TestSupport.ApiServer.Http;
using EdgeWasm.TestSupport.ApiServer.Selectors;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>
/// An in-test Kubernetes API server on a free loopback HTTPS port. It follows the real protocol strictly for
/// what the bridge uses (see docs/kube-double.md): URL shapes of core/v1, coordination.k8s.io/v1 and
/// events.k8s.io/v1, bearer token or client-certificate authentication, Status error bodies, one global
/// resourceVersion, ordered watches with bookmarks and 410 Gone, the status subresource, selectors, patches and
/// graceful deletion. Faults can be injected, watches cut and history compacted.
/// </summary>
public sealed class KubeApiServerDouble : IAsyncDisposable
{
    private readonly MiniHttpServer _http;
    private readonly ObjectStore _store;
    private readonly ResourceHandler _resources;
    private readonly List<InjectedFailure> _failures = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _bookmarks;

    private KubeApiServerDouble(ApiServerOptions options, TestCertificates pki)
    {
        Options = options;
        Certificates = pki;
        _store = new ObjectStore(options.HistoryCapacity);
        _resources = new ResourceHandler(_store, options);
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            _resources.Create(ApiResource.Find("", "v1", "namespaces")!, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        _http = new MiniHttpServer(HandleAsync, pki.LoadServerCertificate(), pki.LoadCa());
        _http.Start();
        _bookmarks = BookmarkLoopAsync(_stop.Token);
    }

    /// <summary>Starts a double with its own store on a free port.</summary>
    public static KubeApiServerDouble Start(ApiServerOptions? options = null) => new(options ?? new ApiServerOptions(), TestCertificates.Shared);

    /// <summary>https://127.0.0.1:PORT.</summary>
    public Uri Url => _http.BaseUri;

    /// <summary>Its settings.</summary>
    public ApiServerOptions Options { get; }

    /// <summary>The PKI its TLS uses (CA, server and client certificates).</summary>
    public TestCertificates Certificates { get; }

    /// <summary>The latest resourceVersion.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_store.Gate) return _store.ResourceVersion;
        }
    }

    /// <summary>How many watches are open.</summary>
    public int OpenWatches
    {
        get
        {
            lock (_store.Gate) return _store.Watchers.Count;
        }
    }

    /// <summary>Requests received so far.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests) return [.. _requests];
        }
    }

    /// <summary>A kubeconfig (token auth, CA by file) pointing at this server.</summary>
    public string Kubeconfig(string? user = null) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: double
          cluster:
            server: {Url}
            certificate-authority: {Certificates.CaCertFile}
        users:
        - name: bridge
          user:
        {user ?? $"    token: {Options.Token}"}
        contexts:
        - name: double
          context: {"{"}cluster: double, user: bridge, namespace: default{"}"}
        current-context: double
        """;

    /// <summary>Answers the next <paramref name="times"/> matching requests with <paramref name="status"/>.</summary>
    public InjectedFailure Fail(Func<HttpRequestData, bool> match, int status, int times = 1, int? retryAfterSeconds = null)
    {
        var failure = new InjectedFailure(match, status, times, retryAfterSeconds);
        lock (_failures) _failures.Add(failure);
        return failure;
    }

    /// <summary>Cuts every open connection, watches included, as a network failure would.</summary>
    public void DropConnections() => _http.DropConnections();

    /// <summary>Forgets the change history: resuming a watch from any earlier version is now 410 Gone.</summary>
    public void Compact()
    {
        lock (_store.Gate) _store.Compact();
    }

    /// <summary>Sends a bookmark to every watch that allows them, now.</summary>
    public void SendBookmarks()
    {
        lock (_store.Gate) _store.EmitBookmarks();
    }

    /// <summary>Direct access for test setup: create an object as a client would.</summary>
    public JsonObject Create(string apiVersionPath, string plural, string? ns, JsonObject body)
    {
        var (group, version) = SplitApiVersion(apiVersionPath);
        return _resources.Create(ApiResource.Find(group, version, plural)!, ns, body);
    }

    /// <summary>Direct access for assertions: an object as stored, or null.</summary>
    public JsonObject? Get(string apiVersionPath, string plural, string? ns, string name)
    {
        var (group, version) = SplitApiVersion(apiVersionPath);
        try
        {
            return _resources.Get(ApiResource.Find(group, version, plural)!, ns, name);
        }
        catch (ApiError e) when (e.Code == 404)
        {
            return null;
        }
    }

    /// <summary>Direct access for assertions: every object of a collection as stored (all namespaces when <paramref name="ns"/> is null).</summary>
    public IReadOnlyList<JsonObject> List(string apiVersionPath, string plural, string? ns)
    {
        var (group, version) = SplitApiVersion(apiVersionPath);
        var list = _resources.List(ApiResource.Find(group, version, plural)!, ns, new Dictionary<string, string>());
        return [.. ((JsonArray)list["items"]!).Select(i => i!.AsObject())];
    }

    /// <summary>Direct access for test setup: a merge patch as a client would send it.</summary>
    public JsonObject MergePatch(string apiVersionPath, string plural, string? ns, string name, JsonObject patch, string? subresource = null)
    {
        var (group, version) = SplitApiVersion(apiVersionPath);
        return _resources.Patch(ApiResource.Find(group, version, plural)!, ns, name, subresource, "application/merge-patch+json", Encoding.UTF8.GetBytes(patch.ToJsonString()));
    }

    /// <summary>Direct access for test setup: a delete as a client would send it.</summary>
    public JsonObject Delete(string apiVersionPath, string plural, string? ns, string name, long? gracePeriodSeconds = null)
    {
        var (group, version) = SplitApiVersion(apiVersionPath);
        var body = gracePeriodSeconds is null ? [] : Encoding.UTF8.GetBytes($"{{\"gracePeriodSeconds\":{gracePeriodSeconds}}}");
        return _resources.Delete(ApiResource.Find(group, version, plural)!, ns, name, body, new Dictionary<string, string>());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        lock (_store.Gate)
        {
            foreach (var w in _store.Watchers) w.Complete();
        }

        await _http.DisposeAsync();
        await _bookmarks.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    private async Task BookmarkLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.BookmarkInterval, Options.Time);
        while (await timer.WaitForNextTickAsync(cancellationToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default))
        {
            SendBookmarks();
        }
    }

    private async Task HandleAsync(HttpRequestData request, HttpResponseSink response, CancellationToken cancellationToken)
    {
        // Bodies of writes are kept (tests check what was written, and in which order); reads have none.
        lock (_requests) _requests.Add(new RecordedRequest(request.Method, request.Target, Options.Time.GetTimestamp(), request.Method == "GET" ? null : request.Body));
        try
        {
            await DispatchAsync(request, response, cancellationToken);
        }
        catch (ApiError error)
        {
            if (response.Started) throw new IOException("error after the response started", error);
            var headers = error.RetryAfterSeconds is { } s ? new Dictionary<string, string> { ["Retry-After"] = s.ToString(CultureInfo.InvariantCulture) } : null;
            await response.SendAsync(error.Code, "application/json", Encoding.UTF8.GetBytes(WireJson.Write(error.ToStatus())), headers, cancellationToken);
        }
        catch (Exception ex) when (ex is not (IOException or OperationCanceledException) && !response.Started)
        {
            // A bug in the double must show up as a failing request, not as a dropped connection.
            var error = new ApiError(500, "InternalError", $"API server double failed: {ex}");
            await response.SendAsync(500, "application/json", Encoding.UTF8.GetBytes(WireJson.Write(error.ToStatus())), null, cancellationToken);
        }
    }

    private async Task DispatchAsync(HttpRequestData request, HttpResponseSink response, CancellationToken cancellationToken)
    {
        var segments = request.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["version"] or ["healthz"] or ["livez"] or ["readyz"])
        {
            var body = segments[0] == "version"
                ? new JsonObject { ["major"] = "1", ["minor"] = "30", ["gitVersion"] = "v1.30.0-edgewasm-double", ["platform"] = "linux/amd64" }.ToJsonString()
                : "ok";
            await response.SendAsync(200, segments[0] == "version" ? "application/json" : "text/plain", Encoding.UTF8.GetBytes(body), null, cancellationToken);
            return;
        }

        Authenticate(request);
        InjectedFailure? failure;
        lock (_failures) failure = _failures.FirstOrDefault(f => f.TryTake(request));
        if (failure is not null)
        {
            var reason = failure.Status switch { 429 => "TooManyRequests", 503 => "ServiceUnavailable", 504 => "Timeout", _ => "InternalError" };
            throw new ApiError(failure.Status, reason, $"injected failure {failure.Status}") { RetryAfterSeconds = failure.RetryAfterSeconds };
        }

        if (Review(segments, request) is { } review)
        {
            await SendJsonAsync(response, 201, review, cancellationToken);
            return;
        }

        var route = Route(segments);
        var (resource, ns, name, sub) = route;
        var method = request.Method;
        if (name is null)
        {
            if (method == "GET")
            {
                if (request.Query.GetValueOrDefault("watch") is "true" or "1")
                {
                    await WatchAsync(resource, ns, request.Query, response, cancellationToken);
                    return;
                }

                await SendJsonAsync(response, 200, _resources.List(resource, ns, request.Query), cancellationToken);
                return;
            }

            if (method == "POST")
            {
                if (resource.Namespaced && ns is null) throw MethodNotAllowed();
                await SendJsonAsync(response, 201, _resources.Create(resource, ns, ResourceHandler.ParseObject(request.Body)), cancellationToken);
                return;
            }

            throw MethodNotAllowed();
        }

        JsonObject result = method switch
        {
            "GET" when sub is null => _resources.Get(resource, ns, name),
            "PUT" => _resources.Update(resource, ns, name, sub, ResourceHandler.ParseObject(request.Body)),
            "PATCH" => _resources.Patch(resource, ns, name, sub, request.Header("Content-Type"), request.Body),
            "DELETE" when sub is null => _resources.Delete(resource, ns, name, request.Body, request.Query),
            "GET" when sub == "status" && resource.HasStatus => _resources.Get(resource, ns, name),
            _ => throw MethodNotAllowed(),
        };
        await SendJsonAsync(response, 200, result, cancellationToken);
    }

    // TokenReview and SubjectAccessReview are create-only and never stored: the answer is the request with a status.
    private JsonObject? Review(string[] segments, HttpRequestData request)
    {
        var tokens = segments is ["apis", "authentication.k8s.io", "v1", "tokenreviews"] && Options.TokenReviews is not null;
        var access = segments is ["apis", "authorization.k8s.io", "v1", "subjectaccessreviews"] && Options.AccessReviews is not null;
        if (!tokens && !access) return null;
        if (request.Method != "POST") throw MethodNotAllowed();
        var body = ResourceHandler.ParseObject(request.Body);
        var (kind, apiVersion) = tokens ? ("TokenReview", "authentication.k8s.io/v1") : ("SubjectAccessReview", "authorization.k8s.io/v1");
        if ((string?)body["kind"] != kind || (string?)body["apiVersion"] != apiVersion)
        {
            throw ApiError.BadRequest($"the API version in the data ({(string?)body["apiVersion"]}) does not match the expected API version ({apiVersion})");
        }

        var spec = body["spec"] as JsonObject ?? throw ApiError.BadRequest("spec is required");
        if (tokens)
        {
            var user = Options.TokenReviews!((string?)spec["token"] ?? "");
            body["status"] = user is { } u
                ? new JsonObject { ["authenticated"] = true, ["user"] = new JsonObject { ["username"] = u.User, ["groups"] = new JsonArray([.. u.Groups.Select(g => (JsonNode)g)]) } }
                : new JsonObject { ["authenticated"] = false, ["error"] = "invalid bearer token" };
        }
        else
        {
            if (spec["resourceAttributes"] is null && spec["nonResourceAttributes"] is null) throw ApiError.BadRequest("exactly one of nonResourceAttributes or resourceAttributes must be specified");
            var allowed = Options.AccessReviews!(spec);
            body["status"] = allowed ? new JsonObject { ["allowed"] = true, ["reason"] = "allowed by the test" } : new JsonObject { ["allowed"] = false };
        }

        return body;
    }

    // Only the status subresource is served; any other (binding, eviction, log, ...) is 404 as for an unknown path.
    private static (ApiResource Resource, string? Namespace, string? Name, string? Subresource) Route(string[] s)
    {
        string group, version;
        string[] rest;
        if (s.Length >= 2 && s[0] == "api" && s[1] == "v1") (group, version, rest) = ("", "v1", s[2..]);
        else if (s.Length >= 3 && s[0] == "apis") (group, version, rest) = (s[1], s[2], s[3..]);
        else throw NotFound();
        if (rest.Length == 0) throw NotFound();

        if (rest[0] == "namespaces" && rest.Length >= 3 && ApiResource.Find(group, version, rest[2]) is { Namespaced: true } namespaced)
        {
            return rest.Length switch
            {
                3 => (namespaced, rest[1], null, null),
                4 => (namespaced, rest[1], rest[3], null),
                5 when rest[4] == "status" => (namespaced, rest[1], rest[3], rest[4]),
                _ => throw NotFound(),
            };
        }

        var resource = ApiResource.Find(group, version, rest[0]) ?? throw NotFound();
        if (resource.Namespaced)
        {
            // /api/v1/pods lists across namespaces; a single namespaced object has no cluster-scoped URL.
            return rest.Length == 1 ? (resource, null, null, null) : throw NotFound();
        }

        return rest.Length switch
        {
            1 => (resource, null, null, null),
            2 => (resource, null, rest[1], null),
            3 when rest[2] == "status" => (resource, null, rest[1], rest[2]),
            _ => throw NotFound(),
        };
    }

    private async Task WatchAsync(ApiResource resource, string? ns, IReadOnlyDictionary<string, string> query, HttpResponseSink response, CancellationToken cancellationToken)
    {
        var labels = LabelSelector.Parse(query.GetValueOrDefault("labelSelector"));
        var fields = FieldSelector.Parse(query.GetValueOrDefault("fieldSelector"), resource);
        if (query.GetValueOrDefault("sendInitialEvents") is "true") throw ApiError.BadRequest("sendInitialEvents is not supported by the API server double");
        var bookmarks = query.GetValueOrDefault("allowWatchBookmarks") == "true";
        var timeout = TimeSpan.FromSeconds(query.TryGetValue("timeoutSeconds", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : 1800);
        var rvParam = query.GetValueOrDefault("resourceVersion") ?? "";
        var watcher = new Watcher(resource, ns, labels, fields, bookmarks);
        lock (_store.Gate)
        {
            if (rvParam is "" or "0")
            {
                // "Start at most recent" (and "any"): the current state first, as synthetic ADDED events.
                foreach (var (_, item) in _store.All(resource)) watcher.OfferInitial(item);
                _store.AddWatcher(watcher);
            }
            else
            {
                var rv = ResourceHandler.ParseRv(rvParam);
                if (rv > _store.ResourceVersion)
                {
                    throw new ApiError(504, "Timeout", $"Too large resource version: {rv}, current: {_store.ResourceVersion}") { RetryAfterSeconds = 1 };
                }

                if (rv < _store.CompactedResourceVersion)
                {
                    var gone = ApiError.Expired($"too old resource version: {rv} ({_store.OldestAvailable})");
                    if (Options.GoneAsHttpStatus) throw gone;
                    watcher.OfferErrorAndComplete(gone.ToStatus());
                }
                else
                {
                    foreach (var e in _store.EventsAfter(resource, rv)) watcher.Offer(e);
                    _store.AddWatcher(watcher);
                }
            }
        }

        try
        {
            await response.StartChunkedAsync(200, "application/json", cancellationToken);
            using var deadline = new CancellationTokenSource(timeout, Options.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watcher.Abort.Token, deadline.Token, _stop.Token);
            try
            {
                await foreach (var line in watcher.Lines.ReadAllAsync(linked.Token))
                {
                    await response.WriteChunkAsync(Encoding.UTF8.GetBytes(line), cancellationToken);
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested || _stop.IsCancellationRequested)
            {
                // timeoutSeconds passed (or the server stops): end the stream cleanly, as the API server does.
            }

            await response.EndChunkedAsync(cancellationToken);
        }
        finally
        {
            lock (_store.Gate) _store.RemoveWatcher(watcher);
        }
    }

    private void Authenticate(HttpRequestData request)
    {
        // A verified client certificate authenticates (the TLS layer refused unverifiable ones).
        if (request.ClientCertificate is not null) return;
        var auth = request.Header("Authorization");
        if (auth is not null && auth.StartsWith("Bearer ", StringComparison.Ordinal) && auth["Bearer ".Length..] == Options.Token) return;
        throw new ApiError(401, "Unauthorized", "Unauthorized");
    }

    private static async Task SendJsonAsync(HttpResponseSink response, int status, JsonObject body, CancellationToken cancellationToken) =>
        await response.SendAsync(status, "application/json", Encoding.UTF8.GetBytes(WireJson.Write(body)), null, cancellationToken);

    private static ApiError NotFound() => new(404, "NotFound", "the server could not find the requested resource");

    private static ApiError MethodNotAllowed() => new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
}
