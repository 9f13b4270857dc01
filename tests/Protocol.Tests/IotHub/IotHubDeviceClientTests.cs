using System.Text;
using System.Text.Json.Nodes;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.TestSupport;
using EdgeWasm.TestSupport.IotHub;

namespace EdgeWasm.Protocol.Tests.IotHub;

/// <summary>The device client against the emulator: connection, twin requests, notifications, methods, telemetry.</summary>
public sealed class IotHubDeviceClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly CancellationTokenSource _stop = new();
    private readonly RecordingLogger _log = new();
    private IotHubEmulator _hub = null!;

    public async Task InitializeAsync() => _hub = await IotHubEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _hub.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task Connect_WithSasToken_GetsTheTwinAndPatchesReported()
    {
        _hub.AddDevice("pi-1");
        var (client, run) = Start(_hub.DeviceOptions("pi-1"));
        await client.Events.NextAsync<IotHubConnected>(timeout: Patience);

        var twin = await client.GetTwinAsync(Timeout());
        Assert.Equal(1, twin.DesiredVersion);
        Assert.Equal(1, twin.ReportedVersion);

        var version = await client.UpdateReportedAsync(new JsonObject { ["battery"] = 55 }, Timeout());
        Assert.Equal(2, version);
        Assert.Equal(55, _hub.GetTwin("pi-1")["properties"]!["reported"]!["battery"]!.GetValue<int>());
        var again = await client.GetTwinAsync(Timeout());
        Assert.Equal(2, again.ReportedVersion);
        Assert.Equal(55, again.Reported["battery"]!.GetValue<int>());

        await Stop(run);
        await Eventually.TrueAsync(() => _hub.ClosedConnections.Any(c => c.DeviceId == "pi-1" && c.Reason.Contains("DISCONNECT", StringComparison.Ordinal)), "the device said DISCONNECT");
        Assert.Empty(_log.UnexpectedErrors());
    }

    [Fact]
    public async Task ReportedPatch_ThatBreaksTheRules_Is400_AndThrottling_Is429()
    {
        _hub.AddDevice("pi-2");
        var (client, _) = Start(_hub.DeviceOptions("pi-2"));
        await client.Events.NextAsync<IotHubConnected>(timeout: Patience);

        var badKey = await Assert.ThrowsAsync<IotHubStatusException>(() => client.UpdateReportedAsync(new JsonObject { ["a.b"] = 1 }, Timeout()));
        Assert.Equal(400, badKey.Status);
        Assert.False(badKey.IsTransient);
        var big = new JsonObject();
        for (var i = 0; i < 9; i++) big["s" + i] = new string('x', 4000);
        var tooBig = await Assert.ThrowsAsync<IotHubStatusException>(() => client.UpdateReportedAsync(big, Timeout()));
        Assert.Equal(400, tooBig.Status);
        Assert.Contains("32768", tooBig.Message, StringComparison.Ordinal);

        _hub.FailNextReportedPatches(429);
        var throttled = await Assert.ThrowsAsync<IotHubStatusException>(() => client.UpdateReportedAsync(new JsonObject { ["x"] = 1 }, Timeout()));
        Assert.Equal(429, throttled.Status);
        Assert.True(throttled.IsTransient);
        Assert.Equal(2, await client.UpdateReportedAsync(new JsonObject { ["x"] = 1 }, Timeout()));
    }

    [Fact]
    public async Task DesiredChange_IsNotifiedWithItsVersion()
    {
        _hub.AddDevice("pi-3");
        var (client, _) = Start(_hub.DeviceOptions("pi-3"));
        await client.Events.NextAsync<IotHubConnected>(timeout: Patience);
        // A request answered means the SUBSCRIBEs before it were handled too.
        await client.GetTwinAsync(Timeout());

        var version = await _hub.UpdateDesiredAsync("pi-3", new JsonObject { ["interval"] = 5, ["gone"] = null });

        var patch = await client.Events.NextAsync<IotHubDesiredPatch>(timeout: Patience);
        Assert.Equal(version, patch.Version);
        Assert.Equal(5, patch.Patch["interval"]!.GetValue<int>());
        Assert.True(patch.Patch.ContainsKey("gone"));
        Assert.Null(patch.Patch["gone"]);
    }

    [Fact]
    public async Task DirectMethod_IsAnswered_ThroughTheServiceApi()
    {
        _hub.AddDevice("pi-4");
        var (client, _) = Start(_hub.DeviceOptions("pi-4"));
        await client.Events.NextAsync<IotHubConnected>(timeout: Patience);
        await client.GetTwinAsync(Timeout());

        var invocation = _hub.InvokeMethodAsync("pi-4", "ping", new JsonObject { ["n"] = 1 });
        var call = await client.Events.NextAsync<IotHubMethodCall>(timeout: Patience);
        Assert.Equal("ping", call.Name);
        Assert.Equal(1, JsonNode.Parse(call.Payload)!["n"]!.GetValue<int>());
        await client.RespondToMethodAsync(call.RequestId, 201, Encoding.UTF8.GetBytes("""{"pong":true}"""), Timeout());

        var (status, body) = await invocation;
        Assert.Equal(200, status);
        Assert.Equal(201, body!["status"]!.GetValue<int>());
        Assert.True(body["payload"]!["pong"]!.GetValue<bool>());
    }

    [Fact]
    public async Task DirectMethod_WithoutAnAnswer_Is504_AndToAnOfflineDevice_Is404()
    {
        _hub.AddDevice("pi-5");
        var (offlineStatus, offline) = await _hub.InvokeMethodAsync("pi-5", "ping", null);
        Assert.Equal(404, offlineStatus);
        Assert.Contains("404103", offline!["Message"]!.GetValue<string>(), StringComparison.Ordinal);

        var (client, _) = Start(_hub.DeviceOptions("pi-5"));
        await client.Events.NextAsync<IotHubConnected>(timeout: Patience);
        await client.GetTwinAsync(Timeout());
        var (status, body) = await _hub.InvokeMethodAsync("pi-5", "ping", null, responseTimeoutSeconds: 5);

        Assert.Equal(504, status);
        Assert.Contains("504101", body!["Message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_CarriesContentTypeAndProperties()
    {
        _hub.AddDevice("pi-6");
        var (client, _) = Start(_hub.DeviceOptions("pi-6"));
        await client.Events.NextAsync<IotHubConnected>(timeout: Patience);

        await client.SendTelemetryAsync("""{"t":21.5}"""u8.ToArray(), new Dictionary<string, string> { ["edgewasm-kind"] = "reported changes" }, Timeout());

        var message = Assert.Single(_hub.Telemetry);
        Assert.Equal("pi-6", message.DeviceId);
        Assert.Equal("application/json", message.Properties["$.ct"]);
        Assert.Equal("utf-8", message.Properties["$.ce"]);
        Assert.Equal("reported changes", message.Properties["edgewasm-kind"]);
        Assert.Equal("""{"t":21.5}""", Encoding.UTF8.GetString(message.Payload));
    }

    [Fact]
    public async Task SasToken_IsRenewedByReconnectingBeforeItExpires()
    {
        _hub.AddDevice("pi-7");
        var (client, _) = Start(_hub.DeviceOptions("pi-7") with { TokenLifetime = TimeSpan.FromSeconds(4), RenewBefore = TimeSpan.FromSeconds(2) });

        await Eventually.TrueAsync(() => _hub.Connects("pi-7") >= 4, "the device connected four times with fresh tokens", Patience);

        Assert.DoesNotContain(_hub.ClosedConnections, c => c.Reason.Contains("expired", StringComparison.Ordinal));
        Assert.Empty(_hub.RefusedConnections);
        await Eventually.TrueAsync(() => client.IsConnected, "the device is connected");
        Assert.Equal(1, (await client.GetTwinAsync(Timeout())).DesiredVersion);
    }

    [Fact]
    public async Task X509_CaIssuedCertificateWithTheDeviceId_Connects_AndAnotherCommonName_IsRefused()
    {
        _hub.AddX509Device("cam-1");
        _hub.AddX509Device("cam-2");
        var (good, _) = Start(_hub.DeviceOptions("cam-1", _hub.Certificates.IssueClient("cam-1")));
        await good.Events.NextAsync<IotHubConnected>(timeout: Patience);
        Assert.Equal(1, (await good.GetTwinAsync(Timeout())).ReportedVersion);

        var (_, _) = Start(_hub.DeviceOptions("cam-2", _hub.Certificates.IssueClient("cam-1")));
        await Eventually.TrueAsync(() => _hub.RefusedConnections.Any(r => r.ClientId == "cam-2"), "the hub refused cam-2", Patience);
        var refused = _hub.RefusedConnections.First(r => r.ClientId == "cam-2");
        Assert.Equal(5, refused.ReturnCode);
        Assert.Contains("common name 'cam-1'", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X509_RegisteredThumbprint_Connects()
    {
        var certificate = _hub.Certificates.IssueClient("anything");
        using (var loaded = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(certificate.CertificateFile, certificate.KeyFile))
        {
            _hub.AddX509Device("cam-3", loaded.Thumbprint);
        }

        var (client, _) = Start(_hub.DeviceOptions("cam-3", certificate));

        await client.Events.NextAsync<IotHubConnected>(timeout: Patience);
    }

    [Fact]
    public async Task ExpiredToken_AndTokenSignedWithAnotherKey_AreRefusedWithConnack5()
    {
        var key = _hub.AddDevice("pi-8");
        var resource = SharedAccessSignature.DeviceResource(_hub.HostName, "pi-8");
        var expired = SharedAccessSignature.Create(resource, key, DateTimeOffset.UtcNow.AddMinutes(-1));
        var wrongKey = SharedAccessSignature.Create(resource, Convert.ToBase64String(new byte[32]), DateTimeOffset.UtcNow.AddMinutes(10));

        foreach (var password in new[] { expired, wrongKey })
        {
            await using var mqtt = new MqttClient(Raw("pi-8", password));
            mqtt.Start();
            var refused = await mqtt.Events.NextAsync<MqttDisconnected>(d => d.Reason.ReasonCode is not null, Patience);
            Assert.Equal(5, refused.Reason.ReasonCode);
        }

        Assert.Contains(_hub.RefusedConnections, r => r.Reason.Contains("expired", StringComparison.Ordinal));
        Assert.Contains(_hub.RefusedConnections, r => r.Reason.Contains("signature does not match", StringComparison.Ordinal));
        Assert.False(_hub.IsConnected("pi-8"));
    }

    [Fact]
    public async Task WrongUsername_IsRefusedWithConnack4()
    {
        var key = _hub.AddDevice("pi-9");
        var token = SharedAccessSignature.Create(SharedAccessSignature.DeviceResource(_hub.HostName, "pi-9"), key, DateTimeOffset.UtcNow.AddMinutes(10));
        await using var mqtt = new MqttClient(Raw("pi-9", token, username: "other-hub/pi-9/?api-version=2021-04-12"));
        mqtt.Start();

        var refused = await mqtt.Events.NextAsync<MqttDisconnected>(d => d.Reason.ReasonCode is not null, Patience);

        Assert.Equal(4, refused.Reason.ReasonCode);
    }

    [Fact]
    public async Task TokenExpiry_ClosesAnOpenConnection()
    {
        var key = _hub.AddDevice("pi-10");
        var token = SharedAccessSignature.Create(SharedAccessSignature.DeviceResource(_hub.HostName, "pi-10"), key, DateTimeOffset.UtcNow.AddSeconds(2));
        await using var mqtt = new MqttClient(Raw("pi-10", token));
        await mqtt.ConnectAsync(Timeout());

        await mqtt.Events.NextAsync<MqttDisconnected>(timeout: Patience);

        await Eventually.TrueAsync(() => _hub.ClosedConnections.Any(c => c.DeviceId == "pi-10" && c.Reason == "its SAS token expired"), "the hub closed the connection at expiry");
    }

    [Theory]
    [InlineData("qos2")]
    [InlineData("topic")]
    public async Task UnsupportedPublications_CloseTheConnection(string what)
    {
        var key = _hub.AddDevice("pi-11");
        var token = SharedAccessSignature.Create(SharedAccessSignature.DeviceResource(_hub.HostName, "pi-11"), key, DateTimeOffset.UtcNow.AddMinutes(10));
        await using var mqtt = new MqttClient(Raw("pi-11", token));
        await mqtt.ConnectAsync(Timeout());

        _ = what == "qos2"
            ? mqtt.PublishAsync("devices/pi-11/messages/events/", "x"u8.ToArray(), MqttQos.ExactlyOnce, retain: false, Timeout())
            : mqtt.PublishAsync("edgewasm/v1/devices/pi-11/reported", "x"u8.ToArray(), MqttQos.AtMostOnce, retain: false, Timeout());

        await mqtt.Events.NextAsync<MqttDisconnected>(timeout: Patience);
        await Eventually.TrueAsync(() => _hub.ClosedConnections.Any(c => c.DeviceId == "pi-11" && c.Reason.Contains(what == "qos2" ? "QoS 2" : "does not accept", StringComparison.Ordinal)), "the hub closed the connection for it");
    }

    [Fact]
    public async Task Subscription_ToAnUndocumentedTopic_IsRefused()
    {
        var key = _hub.AddDevice("pi-12");
        var token = SharedAccessSignature.Create(SharedAccessSignature.DeviceResource(_hub.HostName, "pi-12"), key, DateTimeOffset.UtcNow.AddMinutes(10));
        await using var mqtt = new MqttClient(Raw("pi-12", token));
        await mqtt.ConnectAsync(Timeout());

        await Assert.ThrowsAsync<MqttException>(() => mqtt.SubscribeAsync("devices/pi-13/messages/devicebound/#", MqttQos.AtLeastOnce, Timeout()));
        await mqtt.SubscribeAsync("$iothub/twin/res/#", MqttQos.ExactlyOnce, Timeout());
    }

    private (IotHubDeviceClient Client, Task Run) Start(IotHubDeviceOptions options)
    {
        var client = new IotHubDeviceClient(options, _log);
        return (client, client.RunAsync(_stop.Token));
    }

    private async Task Stop(Task run)
    {
        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private MqttClientOptions Raw(string deviceId, string password, string? username = null) => new()
    {
        Host = _hub.HostName,
        Port = _hub.MqttPort,
        ClientId = deviceId,
        CleanSession = true,
        ProtocolVersion = MqttProtocolVersion.V311,
        Username = username ?? IotHubTopics.Username(_hub.HostName, deviceId),
        Password = password,
        Tls = new MqttTlsOptions { CaFile = _hub.CaFile },
        ReconnectDelay = TimeSpan.FromMilliseconds(200),
        MaxReconnectDelay = TimeSpan.FromSeconds(1),
    };

    private static CancellationToken Timeout() => new CancellationTokenSource(Patience).Token;
}
