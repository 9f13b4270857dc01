using System.Net;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.IotHub;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.TestSupport;
using EdgeWasm.TestSupport.IotHub;

namespace EdgeWasm.CloudBridge.Tests.IotHub;

/// <summary>The service REST client against the emulator's HTTPS API, SAS checks included.</summary>
public sealed class IotHubServiceClientTests : IAsyncLifetime
{
    private IotHubEmulator _hub = null!;

    public async Task InitializeAsync() => _hub = await IotHubEmulator.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task EnsureDevice_CreatesAnIdentityWithKeysOnce_ThatTheDeviceCanConnectWith()
    {
        using var client = Client();

        var (identity, created) = await client.EnsureDeviceAsync("pi-1", default);
        var (again, createdAgain) = await client.EnsureDeviceAsync("pi-1", default);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal("sas", identity["authentication"]!["type"]!.GetValue<string>());
        var key = identity["authentication"]!["symmetricKey"]!["primaryKey"]!.GetValue<string>();
        Assert.Equal(32, Convert.FromBase64String(key).Length);
        Assert.Equal(key, again["authentication"]!["symmetricKey"]!["primaryKey"]!.GetValue<string>());
        using var stop = new CancellationTokenSource();
        var device = new IotHubDeviceClient(_hub.DeviceOptions("pi-1") with { SharedAccessKey = key });
        var run = device.RunAsync(stop.Token);
        await device.Events.NextAsync<IotHubConnected>();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task UpdateDesired_ChecksTheEtag()
    {
        _hub.AddDevice("pi-2");
        using var client = Client();
        var twin = await client.GetTwinAsync("pi-2", default);

        var updated = await client.UpdateDesiredAsync("pi-2", new JsonObject { ["a"] = 1 }, twin.Etag, default);
        var stale = await Assert.ThrowsAsync<IotHubServiceException>(() => client.UpdateDesiredAsync("pi-2", new JsonObject { ["a"] = 2 }, twin.Etag, default));
        await client.UpdateDesiredAsync("pi-2", new JsonObject { ["a"] = 3 }, "*", default);

        Assert.NotEqual(twin.Etag, updated.Etag);
        Assert.Equal(2, TwinProperties.VersionOf(updated.Desired));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal("PreconditionFailed", stale.ErrorCode);
        Assert.Equal(3, (await client.GetTwinAsync("pi-2", default)).Desired["a"]!.GetValue<int>());
    }

    [Fact]
    public async Task GetTwin_OfAnUnknownDevice_IsDeviceNotFound()
    {
        using var client = Client();

        var ex = await Assert.ThrowsAsync<IotHubServiceException>(() => client.GetTwinAsync("nobody", default));

        Assert.Equal(HttpStatusCode.NotFound, ex.Status);
        Assert.Equal("DeviceNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task Query_FollowsTheContinuationAcrossPages()
    {
        for (var i = 0; i < 7; i++) _hub.AddDevice($"dev-{i}");
        using var client = Client(o => o with { QueryPageSize = 3 });

        var twins = new List<TwinDocument>();
        await foreach (var twin in client.QueryTwinsAsync("SELECT * FROM devices", default)) twins.Add(twin);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"dev-{i}"), twins.Select(t => t.DeviceId).Order());
    }

    [Fact]
    public async Task InvokeMethod_OnAnOfflineDevice_Is404103()
    {
        _hub.AddDevice("pi-3");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<IotHubServiceException>(() => client.InvokeMethodAsync("pi-3", "ping", null, TimeSpan.FromSeconds(5), default));

        Assert.Equal(HttpStatusCode.NotFound, ex.Status);
        Assert.Equal("404103", ex.ErrorCode);
        Assert.True(ex.DeviceDidNotAnswer);
    }

    [Fact]
    public async Task Tokens_SignedWithAnotherKey_Expired_OrWithoutThePermission_AreRefused()
    {
        _hub.AddDevice("pi-4");
        var readOnly = _hub.AddPolicy("registry-read", IotHubPermissions.RegistryRead);
        using var wrongKey = Client(o => o with { PolicyKey = Convert.ToBase64String(new byte[32]) });
        using var expired = new IotHubServiceClient(Options(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-3)));
        using var reader = Client(o => o with { PolicyName = "registry-read", PolicyKey = readOnly });

        var badSignature = await Assert.ThrowsAsync<IotHubServiceException>(() => wrongKey.GetTwinAsync("pi-4", default));
        var tooOld = await Assert.ThrowsAsync<IotHubServiceException>(() => expired.GetTwinAsync("pi-4", default));
        var notAllowed = await Assert.ThrowsAsync<IotHubServiceException>(() => reader.GetTwinAsync("pi-4", default));
        var cannotWrite = await Assert.ThrowsAsync<IotHubServiceException>(() => reader.EnsureDeviceAsync("pi-5", default));

        Assert.All(new[] { badSignature, tooOld, notAllowed, cannotWrite }, ex => Assert.Equal(HttpStatusCode.Unauthorized, ex.Status));
        Assert.Contains("signature", badSignature.Message, StringComparison.Ordinal);
        Assert.Contains("expired", tooOld.Message, StringComparison.Ordinal);
        Assert.Contains("lacks ServiceConnect", notAllowed.Message, StringComparison.Ordinal);
        Assert.Contains("lacks RegistryWrite", cannotWrite.Message, StringComparison.Ordinal);
        await foreach (var twin in reader.QueryTwinsAsync("SELECT * FROM devices", default)) Assert.Equal("pi-4", twin.DeviceId);
    }

    private IotHubServiceOptions Options() =>
        IotHubServiceOptions.FromConnectionString(_hub.ServiceConnectionString()) with { Endpoint = _hub.ServiceEndpoint, CaFile = _hub.CaFile };

    private IotHubServiceClient Client(Func<IotHubServiceOptions, IotHubServiceOptions>? configure = null) =>
        new((configure ?? (o => o))(Options()), TimeProvider.System);
}
