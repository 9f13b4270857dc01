using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using EdgeWasm.Protocol.IotHub;

namespace EdgeWasm.TestSupport.IotHub;

/// <summary>
/// An Azure IoT Hub for tests, on free loopback ports: the device endpoint (MQTT 3.1.1 over TLS, SAS tokens or X.509
/// client certificates, twins, desired-property notifications, direct methods, telemetry) and the service REST API
/// over HTTPS (identities, twins with etags, the twin query with continuation, direct method invocation), both with
/// certificates from a test CA made by openssl. It follows the documented behaviour strictly; docs/iothub.md lists
/// where it is stricter or looser than the real hub.
/// </summary>
public sealed class IotHubEmulator : IAsyncDisposable
{
    /// <summary>The policy every emulator has, with every permission (as a new hub's <c>iothubowner</c>).</summary>
    public const string OwnerPolicy = "iothubowner";

    private static readonly string[] DocumentedFilters = ["$iothub/twin/res/#", "$iothub/twin/PATCH/properties/desired/#", "$iothub/methods/POST/#"];

    private readonly TimeProvider _time;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly X509Certificate2 _serverCertificate;
    private readonly Dictionary<string, EmulatedDevice> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedPolicy> _policies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Device, string Rid), TaskCompletionSource<(int Status, byte[] Payload)>> _methods = new();
    private readonly List<Task> _connections = [];
    private readonly List<ReportedPatchRecord> _reportedPatches = [];
    private readonly List<TelemetryMessage> _telemetry = [];
    private readonly List<RefusedConnection> _refused = [];
    private readonly List<(string DeviceId, string Reason)> _closed = [];
    private readonly Queue<int> _reportedFaults = new();
    private readonly Queue<int> _getFaults = new();
    private readonly List<ITimer> _expiryTimers = [];
    private int _dropDesiredNotifications;
    private int _loseReportedAnswers;
    private int _twinGets;
    private EmulatorRestApi? _rest;
    private Task _accepting = Task.CompletedTask;
    private long _nextMethodRid;

    private IotHubEmulator(TimeProvider time)
    {
        _time = time;
        Certificates = TestCertificateAuthority.Create("EdgeWasm IoT Hub Emulator CA");
        var issued = Certificates.IssueServer(HostName, [HostName], ["127.0.0.1"]);
        _serverCertificate = X509Certificate2.CreateFromPemFile(issued.CertificateFile, issued.KeyFile);
        _policies[OwnerPolicy] = new EmulatedPolicy(OwnerPolicy, NewKey(), IotHubPermissions.RegistryRead | IotHubPermissions.RegistryWrite | IotHubPermissions.ServiceConnect | IotHubPermissions.DeviceConnect);
    }

    /// <summary>The hub's host name: the TLS server name of both endpoints and the scope of every token.</summary>
    public string HostName { get; } = "localhost";

    /// <summary>The MQTT (TLS) port devices connect to, in place of 8883.</summary>
    public int MqttPort => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The HTTPS port of the service API, in place of 443.</summary>
    public int HttpsPort => _rest?.Port ?? throw new InvalidOperationException("the emulator is not started");

    /// <summary>The service API's base address.</summary>
    public Uri ServiceEndpoint => new($"https://{HostName}:{HttpsPort}/");

    /// <summary>The test CA: it signed the hub's certificates, and device certificates it issues are trusted for CA authentication.</summary>
    public TestCertificateAuthority Certificates { get; }

    /// <summary>The CA file clients trust.</summary>
    public string CaFile => Certificates.CaFile;

    /// <summary>The clock the emulator judges token expiry and activity by.</summary>
    internal TimeProvider Time => _time;

    internal Lock Gate { get; } = new();

    /// <summary>Reported patches accepted so far, in order.</summary>
    public IReadOnlyList<ReportedPatchRecord> ReportedPatches
    {
        get
        {
            lock (Gate) return [.. _reportedPatches];
        }
    }

    /// <summary>Device-to-cloud messages received so far, in order.</summary>
    public IReadOnlyList<TelemetryMessage> Telemetry
    {
        get
        {
            lock (Gate) return [.. _telemetry];
        }
    }

    /// <summary>Connections refused so far.</summary>
    public IReadOnlyList<RefusedConnection> RefusedConnections
    {
        get
        {
            lock (Gate) return [.. _refused];
        }
    }

    /// <summary>Accepted connections that ended, with why (the device's DISCONNECT, an expired token, a replacement, …).</summary>
    public IReadOnlyList<(string DeviceId, string Reason)> ClosedConnections
    {
        get
        {
            lock (Gate) return [.. _closed];
        }
    }

    /// <summary>Twin GETs devices made.</summary>
    public int TwinGets
    {
        get
        {
            lock (Gate) return _twinGets;
        }
    }

    /// <summary>Direct method invocations the service API received.</summary>
    public int MethodInvocations { get; private set; }

    /// <summary>Starts both endpoints.</summary>
    public static async Task<IotHubEmulator> StartAsync(TimeProvider? time = null)
    {
        var hub = new IotHubEmulator(time ?? TimeProvider.System);
        try
        {
            hub._listener.Start();
            hub._accepting = hub.AcceptAsync();
            hub._rest = await EmulatorRestApi.StartAsync(hub, hub._serverCertificate);
            return hub;
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <summary>Registers a device with a symmetric key; returns the key.</summary>
    public string AddDevice(string deviceId)
    {
        var key = NewKey();
        lock (Gate)
        {
            _devices.Add(deviceId, new EmulatedDevice(deviceId, EmulatedAuthentication.Sas) { PrimaryKey = key, SecondaryKey = NewKey() });
        }

        return key;
    }

    /// <summary>Registers a device that authenticates with an X.509 certificate: by thumbprint, or by the CA when none is given.</summary>
    public void AddX509Device(string deviceId, string? thumbprint = null)
    {
        lock (Gate)
        {
            _devices.Add(deviceId, new EmulatedDevice(deviceId, thumbprint is null ? EmulatedAuthentication.CertificateAuthority : EmulatedAuthentication.SelfSigned)
            {
                PrimaryThumbprint = thumbprint?.ToUpperInvariant(),
            });
        }
    }

    /// <summary>Adds a shared access policy; returns its key.</summary>
    public string AddPolicy(string name, IotHubPermissions permissions)
    {
        var key = NewKey();
        lock (Gate) _policies[name] = new EmulatedPolicy(name, key, permissions);
        return key;
    }

    /// <summary>A device's connection string (symmetric key).</summary>
    public string DeviceConnectionString(string deviceId)
    {
        lock (Gate) return $"HostName={HostName};DeviceId={deviceId};SharedAccessKey={Device(deviceId).PrimaryKey}";
    }

    /// <summary>A shared access policy's connection string.</summary>
    public string ServiceConnectionString(string policy = OwnerPolicy)
    {
        lock (Gate) return $"HostName={HostName};SharedAccessKeyName={policy};SharedAccessKey={_policies[policy].Key}";
    }

    /// <summary>Options for a device client of <paramref name="deviceId"/> that reach this emulator.</summary>
    public IotHubDeviceOptions DeviceOptions(string deviceId, IssuedCertificate? certificate = null) =>
        (certificate is null ? IotHubDeviceOptions.FromConnectionString(DeviceConnectionString(deviceId), CaFile) : new IotHubDeviceOptions
        {
            HostName = HostName,
            DeviceId = deviceId,
            CertificateFile = certificate.CertificateFile,
            KeyFile = certificate.KeyFile,
            CaFile = CaFile,
        }) with
        {
            Port = MqttPort,
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
            MaxReconnectDelay = TimeSpan.FromSeconds(1),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };

    /// <summary>The device's twin as the service API returns it.</summary>
    public JsonObject GetTwin(string deviceId)
    {
        lock (Gate) return TwinJson(Device(deviceId));
    }

    /// <summary>Whether the device has a connection now.</summary>
    public bool IsConnected(string deviceId)
    {
        lock (Gate) return Device(deviceId).Connection is not null;
    }

    /// <summary>How many connections of the device the emulator accepted.</summary>
    public int Connects(string deviceId)
    {
        lock (Gate) return Device(deviceId).Connects;
    }

    /// <summary>Drops the device's connection without a word, as a network failure would.</summary>
    public void DropConnection(string deviceId)
    {
        EmulatorConnection? connection;
        lock (Gate) connection = Device(deviceId).Connection;
        connection?.Close("dropped by the test");
    }

    /// <summary>Answers the next <paramref name="count"/> reported patches (of any device) with <paramref name="status"/> instead of applying them.</summary>
    public void FailNextReportedPatches(int status, int count = 1)
    {
        lock (Gate)
        {
            for (var i = 0; i < count; i++) _reportedFaults.Enqueue(status);
        }
    }

    /// <summary>Answers the next <paramref name="count"/> twin GETs (of any device) with <paramref name="status"/>.</summary>
    public void FailNextTwinGets(int status, int count = 1)
    {
        lock (Gate)
        {
            for (var i = 0; i < count; i++) _getFaults.Enqueue(status);
        }
    }

    /// <summary>Applies the next desired change without notifying the device, as a notification lost on the way would be.</summary>
    public void DropNextDesiredNotification()
    {
        lock (Gate) _dropDesiredNotifications++;
    }

    /// <summary>Applies the next reported patch, then drops the connection instead of answering, as a lost 204 would be.</summary>
    public void LoseNextReportedAnswer()
    {
        lock (Gate) _loseReportedAnswers++;
    }

    /// <summary>Patches desired properties as the service API does (no etag check); returns the new version.</summary>
    public Task<long> UpdateDesiredAsync(string deviceId, JsonObject patch)
    {
        var (_, version) = PatchTwin(deviceId, new JsonObject { ["properties"] = new JsonObject { ["desired"] = patch.DeepClone() } }, ifMatch: null);
        return Task.FromResult(version ?? throw new InvalidOperationException("the patch was refused"));
    }

    /// <summary>Invokes a direct method through the HTTPS service API with the owner policy, as a back end would.</summary>
    public async Task<(int Status, JsonNode? Body)> InvokeMethodAsync(string deviceId, string method, JsonNode? payload, int responseTimeoutSeconds = 30, int connectTimeoutSeconds = 0)
    {
        using var http = new HttpClient(CaTrust.Handler(CaFile)) { BaseAddress = ServiceEndpoint, Timeout = TimeSpan.FromMinutes(6) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"twins/{Uri.EscapeDataString(deviceId)}/methods?api-version={IotHubTopics.ApiVersion}");
        string key;
        lock (Gate) key = _policies[OwnerPolicy].Key;
        request.Headers.TryAddWithoutValidation("Authorization", SharedAccessSignature.Create(HostName, key, _time.GetUtcNow().AddMinutes(10), OwnerPolicy));
        var body = new JsonObject { ["methodName"] = method, ["responseTimeoutInSeconds"] = responseTimeoutSeconds, ["connectTimeoutInSeconds"] = connectTimeoutSeconds, ["payload"] = payload?.DeepClone() };
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        List<EmulatorConnection> open;
        lock (Gate)
        {
            open = [.. _devices.Values.Select(d => d.Connection).OfType<EmulatorConnection>()];
            foreach (var timer in _expiryTimers) timer.Dispose();
        }

        foreach (var connection in open) connection.Close("the emulator stopped");
        foreach (var waiting in _methods.Values) waiting.TrySetCanceled();
        Task[] running;
        lock (Gate) running = [.. _connections, _accepting];
        await Task.WhenAll(running).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (_rest is not null) await _rest.DisposeAsync();
        _serverCertificate.Dispose();
        Certificates.Dispose();
        _stop.Dispose();
    }

    // ---- device endpoint (called by EmulatorConnection) ----

    internal (EmulatedDevice? Device, int Code, string? Reason, DateTimeOffset? TokenExpiry) Authenticate(string clientId, string? username, string? password, X509Certificate2? certificate, string? willTopic)
    {
        if (clientId.Length == 0) return (null, 2, "an empty client id: IoT Hub needs the device id", null);
        var expected = IotHubTopics.Username(HostName, clientId);
        var query = username?.IndexOf("/?", StringComparison.Ordinal) ?? -1;
        if (username is null || query < 0 || !username[..query].Equals($"{HostName}/{clientId}", StringComparison.OrdinalIgnoreCase)
            || !IotHubTopics.ParseProperties(username[(query + 2)..]).TryGetValue("api-version", out var api) || api.Length == 0)
        {
            return (null, 4, $"username '{username}' is not '{expected}'", null);
        }

        if (willTopic is not null && willTopic != $"devices/{clientId}/messages/events/")
        {
            return (null, 5, $"will topic '{willTopic}' is not the device's telemetry topic", null);
        }

        lock (Gate)
        {
            if (!_devices.TryGetValue(clientId, out var device)) return (null, 5, $"device '{clientId}' is not registered", null);
            if (!device.Enabled) return (null, 5, $"device '{clientId}' is disabled", null);
            DateTimeOffset? expiry = null;
            var problem = device.Authentication switch
            {
                EmulatedAuthentication.Sas => CheckToken(device, password, out expiry),
                EmulatedAuthentication.SelfSigned => certificate is null ? "no client certificate"
                    : certificate.Thumbprint.Equals(device.PrimaryThumbprint, StringComparison.OrdinalIgnoreCase) || certificate.Thumbprint.Equals(device.SecondaryThumbprint, StringComparison.OrdinalIgnoreCase) ? null
                    : $"certificate thumbprint {certificate.Thumbprint} is not registered",
                _ => CheckCaCertificate(certificate, clientId),
            };
            return problem is null ? (device, 0, null, expiry) : (null, 5, problem, null);
        }
    }

    internal bool Accept(EmulatorConnection connection, EmulatedDevice device, bool cleanSession, DateTimeOffset? tokenExpiry)
    {
        EmulatorConnection? previous;
        bool sessionPresent;
        lock (Gate)
        {
            previous = device.Connection;
            device.Connection = connection;
            device.Connects++;
            device.ConnectionStateUpdated = _time.GetUtcNow();
            device.LastActivity = _time.GetUtcNow();
            sessionPresent = !cleanSession && device.HasSession;
            if (!sessionPresent) device.Subscriptions.Clear();
            device.HasSession = !cleanSession;
            if (tokenExpiry is { } expiry)
            {
                // The hub closes a connection when its token expires; the device must connect again with a new one.
                var due = expiry - _time.GetUtcNow();
                _expiryTimers.Add(_time.CreateTimer(_ => connection.Close("its SAS token expired"), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
            }
        }

        // IoT Hub allows one connection per device: the newer one wins (400027 ConnectionForcefullyClosedOnNewConnection).
        previous?.Close("another connection of the same device replaced it");
        return sessionPresent;
    }

    internal void Closed(EmulatorConnection connection, string? willTopic, byte[]? will, bool cleanSession)
    {
        var device = connection.Device;
        if (device is null) return;
        lock (Gate)
        {
            _closed.Add((device.Id, connection.CloseReason ?? "the connection ended"));
            if (device.Connection != connection) return;
            device.Connection = null;
            device.ConnectionStateUpdated = _time.GetUtcNow();
            if (cleanSession)
            {
                device.Subscriptions.Clear();
                device.HasSession = false;
            }

            if (willTopic is not null && will is not null)
            {
                _telemetry.Add(new TelemetryMessage(device.Id, new Dictionary<string, string> { ["iothub-MessageType"] = "Will" }, will));
            }
        }
    }

    internal void Touch(EmulatedDevice device)
    {
        lock (Gate) device.LastActivity = _time.GetUtcNow();
    }

    internal void RecordRefusal(RefusedConnection refused)
    {
        lock (Gate) _refused.Add(refused);
    }

    internal void RecordTelemetry(TelemetryMessage message)
    {
        lock (Gate) _telemetry.Add(message);
    }

    internal bool Subscribe(EmulatedDevice device, string filter)
    {
        if (!DocumentedFilters.Contains(filter) && filter != $"devices/{device.Id}/messages/devicebound/#") return false;
        lock (Gate) device.Subscriptions.Add(filter);
        return true;
    }

    internal void Unsubscribe(EmulatedDevice device, string filter)
    {
        lock (Gate) device.Subscriptions.Remove(filter);
    }

    internal (int Status, byte[] Body) TwinGet(EmulatedDevice device)
    {
        lock (Gate)
        {
            _twinGets++;
            if (_getFaults.TryDequeue(out var fault)) return (fault, ErrorBody(fault, "fault injected by the test"));
            var body = new JsonObject
            {
                ["desired"] = WithVersion(device.Desired, device.DesiredVersion),
                ["reported"] = WithVersion(device.Reported, device.ReportedVersion),
            };
            return (200, Encoding.UTF8.GetBytes(body.ToJsonString()));
        }
    }

    internal (int Status, long? Version, byte[] Body) ReportedPatch(EmulatedDevice device, byte[] payload)
    {
        JsonObject? patch = null;
        try
        {
            patch = JsonNode.Parse(payload) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            // 400 below.
        }

        lock (Gate)
        {
            if (_reportedFaults.TryDequeue(out var fault)) return (fault, null, ErrorBody(fault, "fault injected by the test"));
            if (patch is null) return (400, null, ErrorBody(400, "the patch is not a JSON object"));
            if (TwinSize.Problem(patch) is { } problem) return (400, null, ErrorBody(400, problem));
            var merged = (JsonObject)device.Reported.DeepClone();
            JsonMergePatch.Apply(merged, patch);
            var size = TwinSize.Measure(merged);
            if (size > TwinSize.ReportedLimit) return (400, null, ErrorBody(400, $"reported properties would be {size} bytes, over the {TwinSize.ReportedLimit}-byte limit"));
            JsonMergePatch.Apply(device.Reported, patch);
            device.ReportedVersion++;
            device.TwinVersion++;
            device.ReportedUpdated = _time.GetUtcNow();
            _reportedPatches.Add(new ReportedPatchRecord(device.Id, device.ReportedVersion, (JsonObject)patch.DeepClone()));
            if (_loseReportedAnswers > 0)
            {
                _loseReportedAnswers--;
                device.Connection?.Close("the test lost the answer to a reported patch");
            }

            return (204, device.ReportedVersion, []);
        }
    }

    internal void MethodAnswered(EmulatedDevice device, string rid, int status, byte[] payload)
    {
        if (_methods.TryRemove((device.Id, rid), out var waiting)) waiting.TrySetResult((status, payload));
    }

    // ---- service API (called by EmulatorRestApi) ----

    internal EmulatedPolicy? Policy(string name)
    {
        lock (Gate) return _policies.GetValueOrDefault(name);
    }

    internal EmulatedDevice? Find(string deviceId)
    {
        lock (Gate) return _devices.GetValueOrDefault(deviceId);
    }

    internal EmulatedDevice CreateDevice(string deviceId, EmulatedAuthentication authentication, string? primary, string? secondary, string? primaryThumbprint, string? secondaryThumbprint, bool enabled)
    {
        var device = new EmulatedDevice(deviceId, authentication) { Enabled = enabled };
        SetCredentials(device, primary, secondary, primaryThumbprint, secondaryThumbprint);
        lock (Gate)
        {
            if (!_devices.TryAdd(deviceId, device)) throw new InvalidOperationException("exists");
        }

        return device;
    }

    internal void UpdateDevice(EmulatedDevice device, EmulatedAuthentication authentication, string? primary, string? secondary, string? primaryThumbprint, string? secondaryThumbprint, bool enabled)
    {
        lock (Gate)
        {
            device.Authentication = authentication;
            device.Enabled = enabled;
            SetCredentials(device, primary, secondary, primaryThumbprint, secondaryThumbprint);
            device.IdentityVersion++;
        }

        if (!enabled) device.Connection?.Close("the device was disabled");
    }

    internal void DeleteDevice(EmulatedDevice device)
    {
        lock (Gate) _devices.Remove(device.Id);
        device.Connection?.Close("the device was deleted");
    }

    internal JsonObject DeviceJson(EmulatedDevice device)
    {
        lock (Gate)
        {
            return new JsonObject
            {
                ["deviceId"] = device.Id,
                ["generationId"] = device.GenerationId,
                ["etag"] = device.IdentityEtag,
                ["connectionState"] = device.Connection is null ? "Disconnected" : "Connected",
                ["status"] = device.Enabled ? "enabled" : "disabled",
                ["statusReason"] = null,
                ["connectionStateUpdatedTime"] = Timestamp(device.ConnectionStateUpdated),
                ["statusUpdatedTime"] = Timestamp(null),
                ["lastActivityTime"] = Timestamp(device.LastActivity),
                ["cloudToDeviceMessageCount"] = 0,
                ["authentication"] = new JsonObject
                {
                    ["type"] = AuthenticationName(device.Authentication),
                    ["symmetricKey"] = new JsonObject { ["primaryKey"] = device.PrimaryKey, ["secondaryKey"] = device.SecondaryKey },
                    ["x509Thumbprint"] = new JsonObject { ["primaryThumbprint"] = device.PrimaryThumbprint, ["secondaryThumbprint"] = device.SecondaryThumbprint },
                },
                ["capabilities"] = new JsonObject { ["iotEdge"] = false },
            };
        }
    }

    internal JsonObject TwinJson(EmulatedDevice device)
    {
        lock (Gate)
        {
            return new JsonObject
            {
                ["deviceId"] = device.Id,
                ["etag"] = device.TwinEtag,
                ["deviceEtag"] = device.IdentityEtag,
                ["status"] = device.Enabled ? "enabled" : "disabled",
                ["statusUpdateTime"] = Timestamp(null),
                ["connectionState"] = device.Connection is null ? "Disconnected" : "Connected",
                ["lastActivityTime"] = Timestamp(device.LastActivity),
                ["cloudToDeviceMessageCount"] = 0,
                ["authenticationType"] = AuthenticationName(device.Authentication),
                ["x509Thumbprint"] = new JsonObject { ["primaryThumbprint"] = device.PrimaryThumbprint, ["secondaryThumbprint"] = device.SecondaryThumbprint },
                ["version"] = device.TwinVersion,
                ["tags"] = device.Tags.DeepClone(),
                ["properties"] = new JsonObject
                {
                    ["desired"] = WithMetadata(device.Desired, device.DesiredVersion, device.DesiredUpdated),
                    ["reported"] = WithMetadata(device.Reported, device.ReportedVersion, device.ReportedUpdated),
                },
                ["capabilities"] = new JsonObject { ["iotEdge"] = false },
            };
        }
    }

    /// <summary>Applies a service-side twin patch (<c>tags</c>, <c>properties.desired</c>); a null version with the error when refused.</summary>
    internal ((int Status, string Code, string Message)? Error, long? DesiredVersion) PatchTwin(string deviceId, JsonObject body, string? ifMatch)
    {
        JsonObject? desiredPatch;
        EmulatorConnection? notify = null;
        long version;
        lock (Gate)
        {
            if (!_devices.TryGetValue(deviceId, out var device)) return ((404, "DeviceNotFound", $"Device {deviceId} not registered"), null);
            if (ifMatch is not null && ifMatch != "*" && ifMatch.Trim('"') != device.TwinEtag)
            {
                return ((412, "PreconditionFailed", $"Precondition failed: the twin's etag is {device.TwinEtag}, not {ifMatch}"), null);
            }

            if (body.Any(p => p.Key is not ("properties" or "tags" or "deviceId" or "etag")))
            {
                return ((400, "ArgumentInvalid", "a twin patch may only hold tags and properties.desired"), null);
            }

            var properties = body["properties"] as JsonObject;
            if (properties?.ContainsKey("reported") == true) return ((400, "ArgumentInvalid", "the back end cannot write reported properties"), null);
            desiredPatch = properties?["desired"] as JsonObject;
            var tags = body["tags"] as JsonObject;
            foreach (var section in new[] { desiredPatch, tags }.OfType<JsonObject>())
            {
                if (TwinSize.Problem(section) is { } problem) return ((400, "ArgumentInvalid", problem), null);
            }

            if (desiredPatch is not null)
            {
                var merged = (JsonObject)device.Desired.DeepClone();
                JsonMergePatch.Apply(merged, desiredPatch);
                var size = TwinSize.Measure(merged);
                if (size > TwinSize.DesiredLimit) return ((400, "ArgumentInvalid", $"desired properties would be {size} bytes, over the {TwinSize.DesiredLimit}-byte limit"), null);
                JsonMergePatch.Apply(device.Desired, desiredPatch);
                device.DesiredVersion++;
                device.DesiredUpdated = _time.GetUtcNow();
                if (device.Connection is not null && device.Subscriptions.Contains("$iothub/twin/PATCH/properties/desired/#")) notify = device.Connection;
                if (notify is not null && _dropDesiredNotifications > 0)
                {
                    _dropDesiredNotifications--;
                    notify = null;
                }
            }

            if (tags is not null) JsonMergePatch.Apply(device.Tags, tags);
            device.TwinVersion++;
            version = device.DesiredVersion;
        }

        if (notify is not null && desiredPatch is not null)
        {
            // IoT Hub notifies connected devices only; a device that connects later must GET the twin.
            var notification = (JsonObject)desiredPatch.DeepClone();
            notification["$version"] = version;
            _ = notify.PublishAsync($"$iothub/twin/PATCH/properties/desired/?$version={version.ToString(CultureInfo.InvariantCulture)}", Encoding.UTF8.GetBytes(notification.ToJsonString()));
        }

        return (null, version);
    }

    internal IReadOnlyList<EmulatedDevice> DevicesAfter(string? after, int count)
    {
        lock (Gate) return [.. _devices.Values.Where(d => after is null || string.CompareOrdinal(d.Id, after) > 0).OrderBy(d => d.Id, StringComparer.Ordinal).Take(count)];
    }

    /// <summary>Invokes a direct method: waits up to the connect timeout for the device, then up to the response timeout for its answer.</summary>
    internal async Task<(int HttpStatus, string? Code, string Message, int DeviceStatus, byte[] Payload)> InvokeAsync(string deviceId, string name, byte[] payload, TimeSpan responseTimeout, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        lock (Gate) MethodInvocations++;
        var deadline = _time.GetUtcNow() + connectTimeout;
        EmulatorConnection? connection;
        while (true)
        {
            lock (Gate)
            {
                if (!_devices.TryGetValue(deviceId, out var device)) return (404, "DeviceNotFound", $"Device {deviceId} not registered", 0, []);
                connection = device.Connection is not null && device.Subscriptions.Contains("$iothub/methods/POST/#") ? device.Connection : null;
            }

            if (connection is not null) break;
            if (_time.GetUtcNow() >= deadline) return (404, "404103", "Timed out waiting for device to connect.", 0, []);
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken);
        }

        var rid = Interlocked.Increment(ref _nextMethodRid).ToString("x", CultureInfo.InvariantCulture);
        var waiting = new TaskCompletionSource<(int Status, byte[] Payload)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _methods[(deviceId, rid)] = waiting;
        try
        {
            await connection.PublishAsync($"$iothub/methods/POST/{name}/?$rid={rid}", payload);
            var (status, answer) = await waiting.Task.WaitAsync(responseTimeout, _time, cancellationToken);
            return (200, null, "", status, answer);
        }
        catch (TimeoutException)
        {
            return (504, "504101", "Timed out waiting for the response from device.", 0, []);
        }
        finally
        {
            _methods.TryRemove((deviceId, rid), out _);
        }
    }

    private static byte[] ErrorBody(int status, string message) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["errorCode"] = (status * 1000) + 1, ["message"] = message }.ToJsonString());

    private static JsonObject WithVersion(JsonObject section, long version)
    {
        var copy = (JsonObject)section.DeepClone();
        copy["$version"] = version;
        return copy;
    }

    private static JsonObject WithMetadata(JsonObject section, long version, DateTimeOffset? updated)
    {
        var copy = WithVersion(section, version);
        copy["$metadata"] = new JsonObject { ["$lastUpdated"] = Timestamp(updated ?? DateTimeOffset.UnixEpoch) };
        return copy;
    }

    private static string Timestamp(DateTimeOffset? at) => (at ?? DateTimeOffset.MinValue).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static string AuthenticationName(EmulatedAuthentication authentication) => authentication switch
    {
        EmulatedAuthentication.Sas => "sas",
        EmulatedAuthentication.SelfSigned => "selfSigned",
        _ => "certificateAuthority",
    };

    private static void SetCredentials(EmulatedDevice device, string? primary, string? secondary, string? primaryThumbprint, string? secondaryThumbprint)
    {
        // IoT Hub makes keys for a SAS device created without them.
        device.PrimaryKey = device.Authentication == EmulatedAuthentication.Sas ? primary ?? NewKey() : null;
        device.SecondaryKey = device.Authentication == EmulatedAuthentication.Sas ? secondary ?? NewKey() : null;
        device.PrimaryThumbprint = primaryThumbprint?.ToUpperInvariant();
        device.SecondaryThumbprint = secondaryThumbprint?.ToUpperInvariant();
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private EmulatedDevice Device(string deviceId) =>
        _devices.TryGetValue(deviceId, out var device) ? device : throw new ArgumentException($"device '{deviceId}' is not registered in the emulator");

    private string? CheckToken(EmulatedDevice device, string? password, out DateTimeOffset? expiry)
    {
        expiry = null;
        var fields = EmulatorSas.Parse(password, out var reason);
        if (fields is null) return reason;
        if (fields.ContainsKey("skn")) return "a device connects with a token signed with its own key (no skn)";
        var resource = $"{HostName}/devices/{device.Id}";
        bool Scope(string sr) => sr.Equals(resource, StringComparison.OrdinalIgnoreCase);
        var now = _time.GetUtcNow();
        var problem = EmulatorSas.Verify(fields, device.PrimaryKey!, Scope, now);
        if (problem is not null && problem.StartsWith("the signature", StringComparison.Ordinal))
        {
            problem = EmulatorSas.Verify(fields, device.SecondaryKey!, Scope, now) is null ? null : problem;
        }

        if (problem is null) expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields["se"], CultureInfo.InvariantCulture));
        return problem;
    }

    private string? CheckCaCertificate(X509Certificate2? certificate, string deviceId)
    {
        if (certificate is null) return "no client certificate";
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Certificates.CaFile));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        if (!chain.Build(certificate)) return "the client certificate does not chain to a CA the hub trusts: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return commonName == deviceId ? null : $"the certificate's common name '{commonName}' is not the device id";
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var task = ServeAsync(client);
            lock (Gate) _connections.Add(task);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var owned = client;
        var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            handshake.CancelAfter(TimeSpan.FromSeconds(10));
            await ssl.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = _serverCertificate,
                    // Asked for, not required: SAS devices have none; X.509 devices are checked at CONNECT.
                    ClientCertificateRequired = true,
                    // A thumbprint device's certificate need not chain to anything, so chain errors wait for CONNECT,
                    // where the device's registration says which check applies; a certificate that is malformed fails here.
                    RemoteCertificateValidationCallback = static (_, certificate, _, errors) =>
                        certificate is null || (errors & ~(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0,
                },
                handshake.Token);
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
        {
            await ssl.DisposeAsync();
            return;
        }

        var certificate = ssl.RemoteCertificate is { } remote ? X509CertificateLoader.LoadCertificate(remote.GetRawCertData()) : null;
        try
        {
            await new EmulatorConnection(this, ssl, certificate).RunAsync(_stop.Token);
        }
        finally
        {
            certificate?.Dispose();
        }
    }
}
