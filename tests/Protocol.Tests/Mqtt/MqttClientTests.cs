using System.Text;
using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Protocol.Tests.Mqtt;

[Collection(nameof(MqttClientTests))]
public sealed class MqttClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private MosquittoFixture _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoFixture.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Theory]
    [InlineData(MqttProtocolVersion.V5)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task PublishAsync_QoS1_CompletesAtPubackAndIsDelivered(MqttProtocolVersion version)
    {
        await using var subscriber = new MqttClient(_broker.ClientOptions("sub") with { ProtocolVersion = version });
        await using var publisher = new MqttClient(_broker.ClientOptions("pub") with { ProtocolVersion = version });
        await subscriber.ConnectAsync(Timeout());
        await subscriber.SubscribeAsync("t/+", MqttQos.AtLeastOnce, Timeout());
        await publisher.ConnectAsync(Timeout());

        await publisher.PublishAsync("t/1", "hello"u8.ToArray(), MqttQos.AtLeastOnce, retain: false, Timeout());

        var message = await subscriber.Events.NextAsync<MqttMessage>();
        Assert.Equal("t/1", message.Topic);
        Assert.Equal("hello", Encoding.UTF8.GetString(message.Payload));
        Assert.Equal(MqttQos.AtLeastOnce, message.Qos);
        Assert.Equal(version, publisher.Protocol);
    }

    [Fact]
    public async Task Auto_SpeaksMqtt5_WithMosquitto2()
    {
        await using var client = new MqttClient(_broker.ClientOptions("auto"));
        await client.ConnectAsync(Timeout());

        var connected = await client.Events.NextAsync<MqttConnected>();

        Assert.Equal(MqttProtocolVersion.V5, connected.Protocol);
    }

    [Fact]
    public async Task Retained_IsDeliveredToALateSubscriber_AndEmptyPayloadClearsIt()
    {
        await using var publisher = new MqttClient(_broker.ClientOptions("pub"));
        await publisher.ConnectAsync(Timeout());
        await publisher.PublishAsync("r/a", "v1"u8.ToArray(), MqttQos.AtLeastOnce, retain: true, Timeout());

        await using (var late = new MqttClient(_broker.ClientOptions("late")))
        {
            await late.ConnectAsync(Timeout());
            await late.SubscribeAsync("r/#", MqttQos.AtLeastOnce, Timeout());
            var message = await late.Events.NextAsync<MqttMessage>();
            Assert.True(message.Retain);
            Assert.Equal("v1", Encoding.UTF8.GetString(message.Payload));
        }

        await publisher.PublishAsync("r/a", Array.Empty<byte>(), MqttQos.AtLeastOnce, retain: true, Timeout());
        await using var after = new MqttClient(_broker.ClientOptions("after"));
        await after.ConnectAsync(Timeout());
        await after.SubscribeAsync("r/#", MqttQos.AtLeastOnce, Timeout());
        await publisher.PublishAsync("r/marker", "m"u8.ToArray(), MqttQos.AtLeastOnce, retain: false, Timeout());
        var first = await after.Events.NextAsync<MqttMessage>();
        Assert.Equal("r/marker", first.Topic);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V5)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task PersistentSession_KeepsMessagesPublishedWhileAway(MqttProtocolVersion version)
    {
        var options = _broker.ClientOptions("persistent", cleanSession: false) with { ProtocolVersion = version };
        await using (var first = new MqttClient(options))
        {
            await first.ConnectAsync(Timeout());
            await first.SubscribeAsync("p/#", MqttQos.AtLeastOnce, Timeout());
        }

        await using var publisher = new MqttClient(_broker.ClientOptions("pub"));
        await publisher.ConnectAsync(Timeout());
        await publisher.PublishAsync("p/x", "while away"u8.ToArray(), MqttQos.AtLeastOnce, retain: false, Timeout());

        await using var again = new MqttClient(options);
        again.Start();
        var connected = await again.Events.NextAsync<MqttConnected>();
        var message = await again.Events.NextAsync<MqttMessage>();

        Assert.True(connected.SessionPresent);
        Assert.Equal("while away", Encoding.UTF8.GetString(message.Payload));
    }

    [Fact]
    public async Task BrokerRestart_ReconnectsAndSendsWhatWasPublishedWhileDown()
    {
        await using var subscriber = new MqttClient(_broker.ClientOptions("sub", cleanSession: false));
        await using var publisher = new MqttClient(_broker.ClientOptions("pub", cleanSession: false));
        await subscriber.ConnectAsync(Timeout());
        await subscriber.SubscribeAsync("down/#", MqttQos.AtLeastOnce, Timeout());
        await publisher.ConnectAsync(Timeout());

        await _broker.StopAsync();
        await publisher.Events.NextAsync<MqttDisconnected>(d => d.WasConnected);
        var whileDown = publisher.PublishAsync("down/1", "queued"u8.ToArray(), MqttQos.AtLeastOnce, retain: false, Timeout());
        Assert.False(whileDown.IsCompleted);
        await _broker.StartAgainAsync();

        await whileDown;
        var message = await subscriber.Events.NextAsync<MqttMessage>();
        Assert.Equal("queued", Encoding.UTF8.GetString(message.Payload));
    }

    [Fact]
    public async Task ConnectionRefused_IsReportedWithOperationAndOsError()
    {
        var closedPort = FreePort.Next();
        await using var client = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = closedPort, ClientId = "nobody" });
        client.Start();

        var failure = await client.Events.NextAsync<MqttDisconnected>();

        Assert.False(failure.WasConnected);
        Assert.Contains($"connect to 127.0.0.1:{closedPort}", failure.Reason.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", failure.Reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishQoS0_WhileDisconnected_FailsClearly()
    {
        await using var client = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = FreePort.Next(), ClientId = "offline" });

        var error = await Assert.ThrowsAsync<MqttException>(() => client.PublishAsync("a", "x"u8.ToArray(), MqttQos.AtMostOnce, false, Timeout()));

        Assert.Contains("not connected", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/+/b")]
    [InlineData("a/#")]
    [InlineData("")]
    public async Task PublishAsync_InvalidTopic_IsRefusedBeforeTheLibrary(string topic)
    {
        await using var client = new MqttClient(_broker.ClientOptions("bad-topic"));

        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync(topic, "x"u8.ToArray(), MqttQos.AtLeastOnce, false, Timeout()));
    }

    [Theory]
    [InlineData("a/b#")]
    [InlineData("a/#/b")]
    [InlineData("a+/b")]
    public async Task SubscribeAsync_InvalidFilter_IsRefused(string filter)
    {
        await using var client = new MqttClient(_broker.ClientOptions("bad-filter"));

        await Assert.ThrowsAsync<ArgumentException>(() => client.SubscribeAsync(filter, MqttQos.AtLeastOnce, Timeout()));
    }

    [Fact]
    public void Options_Incoherent_AreRefusedWithAReason()
    {
        var error = Assert.Throws<ArgumentException>(() => new MqttClient(new MqttClientOptions { Host = "h", ClientId = "c", Password = "p" }));
        Assert.Contains("needs a username", error.Message, StringComparison.Ordinal);
        var tls = Assert.Throws<ArgumentException>(() => new MqttClient(new MqttClientOptions { Host = "h", ClientId = "c", Tls = new MqttTlsOptions { CaFile = "/nonexistent/ca.pem" } }));
        Assert.Contains("/nonexistent/ca.pem", tls.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastWill_IsPublishedWhenTheConnectionIsCut_NotOnDispose()
    {
        await using var proxy = new TcpProxy(_broker.Port);
        await using var watcher = new MqttClient(_broker.ClientOptions("watcher"));
        await watcher.ConnectAsync(Timeout());
        await watcher.SubscribeAsync("will/#", MqttQos.AtLeastOnce, Timeout());

        var will = new MqttLastWill("will/dev", "gone"u8.ToArray(), MqttQos.AtLeastOnce, Retain: false);
        await using (var polite = new MqttClient(_broker.ClientOptions("polite") with { LastWill = will with { Topic = "will/polite" } }))
        {
            await polite.ConnectAsync(Timeout());
        }

        await using var victim = new MqttClient(_broker.ClientOptions("victim") with { Port = proxy.Port, LastWill = will });
        await victim.ConnectAsync(Timeout());
        proxy.CutAll();

        var message = await watcher.Events.NextAsync<MqttMessage>();
        Assert.Equal("will/dev", message.Topic);
        Assert.Equal("gone", Encoding.UTF8.GetString(message.Payload));
    }

    [Fact]
    public async Task Dispose_WhileMessagesStream_NoCallbackAfterItReturns()
    {
        var disposed = 0;
        var lateCalls = 0;
        var received = 0;
        await using var publisher = new MqttClient(_broker.ClientOptions("flood"));
        await publisher.ConnectAsync(Timeout());
        var subscriber = new MqttClient(_broker.ClientOptions("drinker"), inlineHandler: _ =>
        {
            if (Volatile.Read(ref disposed) == 1) Interlocked.Increment(ref lateCalls);
            Interlocked.Increment(ref received);
        });
        await subscriber.ConnectAsync(Timeout());
        await subscriber.SubscribeAsync("flood/#", MqttQos.AtMostOnce, Timeout());

        using var stop = new CancellationTokenSource();
        var flood = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await publisher.PublishAsync("flood/x", new byte[64], MqttQos.AtLeastOnce, false, Timeout());
            }
        });
        while (Volatile.Read(ref received) < 200) await Task.Delay(5);

        subscriber.Dispose();
        Volatile.Write(ref disposed, 1);
        await Task.Delay(300);
        await stop.CancelAsync();
        await flood;

        Assert.Equal(0, lateCalls);
        while (subscriber.Events.TryRead(out _))
        {
        }

        Assert.True(subscriber.Events.Completion.IsCompleted);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => subscriber.PublishAsync("a", "x"u8.ToArray(), MqttQos.AtLeastOnce, false, Timeout()));
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(Patience).Token;
}
