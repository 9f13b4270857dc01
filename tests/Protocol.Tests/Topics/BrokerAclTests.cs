using System.Diagnostics;
using System.Text;
using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.Protocol.Topics;
using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.Protocol.Tests.Topics;

/// <summary>
/// The shipped broker security (deploy/mosquitto: users made with add-user.sh, i.e. mosquitto_passwd -b, and the
/// ACL patterns) against a real mosquitto: device A can neither read nor write device B's topics, while each
/// device and the bridge can do their own work.
/// </summary>
public sealed class BrokerAclTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("acl");
    private MosquittoFixture _broker = null!;

    public async Task InitializeAsync()
    {
        var passwords = _dir.Combine("passwd");
        AddUser(passwords, "pi-a", "secret-a");
        AddUser(passwords, "pi-b", "secret-b");
        AddUser(passwords, "edgewasm-bridge", "secret-bridge");
        _broker = await MosquittoFixture.StartAsync(new MosquittoSettings
        {
            AllowAnonymous = false,
            PasswordFile = passwords,
            AclFile = Path.Combine(Fixtures.RepoRoot, "deploy", "mosquitto", "edgewasm.acl"),
        });
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _dir.Dispose();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V5)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task DeviceA_CannotReadDeviceBsTopics(MqttProtocolVersion version)
    {
        var a = new DeviceTopics("pi-a");
        var b = new DeviceTopics("pi-b");
        await using var bridge = await ConnectAsync("edgewasm-bridge", "secret-bridge", version);
        await using var deviceA = await ConnectAsync("pi-a", "secret-a", version);

        // A asks for B's desired document and log requests, directly and through a wildcard.
        foreach (var filter in new[] { b.Desired, b.LogsRequest, DeviceTopics.Root + "/+/desired", DeviceTopics.Root + "/#" })
        {
            try
            {
                await deviceA.SubscribeAsync(filter, MqttQos.AtLeastOnce, Timeout());
            }
            catch (MqttException refused)
            {
                output.WriteLine($"{filter}: {refused.Message}");
            }
        }

        await bridge.PublishAsync(b.Desired, Encoding.UTF8.GetBytes("B's secret document"), MqttQos.AtLeastOnce, retain: true, Timeout());
        await bridge.PublishAsync(b.LogsRequest, Encoding.UTF8.GetBytes("B's request"), MqttQos.AtLeastOnce, retain: false, Timeout());
        // The control: A's own document comes through, after B's were published.
        await bridge.PublishAsync(a.Desired, Encoding.UTF8.GetBytes("A's document"), MqttQos.AtLeastOnce, retain: true, Timeout());

        var received = await CollectAsync(deviceA, m => m.Topic == a.Desired);
        Assert.All(received, m => Assert.StartsWith("edgewasm/v1/devices/pi-a/", m.Topic, StringComparison.Ordinal));
        Assert.DoesNotContain(received, m => Encoding.UTF8.GetString(m.Payload).StartsWith("B's", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V5)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task DeviceA_CannotWriteDeviceBsTopics(MqttProtocolVersion version)
    {
        var a = new DeviceTopics("pi-a");
        var b = new DeviceTopics("pi-b");
        await using var bridge = await ConnectAsync("edgewasm-bridge", "secret-bridge", version);
        await bridge.SubscribeAsync(DeviceTopics.Root + "/#", MqttQos.AtLeastOnce, Timeout());
        await using var deviceB = await ConnectAsync("pi-b", "secret-b", version);
        await deviceB.SubscribeAsync(b.Desired, MqttQos.AtLeastOnce, Timeout());
        await deviceB.SubscribeAsync(b.LogsRequest, MqttQos.AtLeastOnce, Timeout());
        await using var deviceA = await ConnectAsync("pi-a", "secret-a", version);

        // A forges B's status, presence, heartbeat and log answers, and B's desired document and log requests.
        var forged = new[] { b.Reported, b.Online, b.Heartbeat, b.Rejected, b.LogsResponse("r1"), b.Desired, b.LogsRequest, a.Desired };
        foreach (var topic in forged)
        {
            try
            {
                await deviceA.PublishAsync(topic, Encoding.UTF8.GetBytes("forged by A"), MqttQos.AtLeastOnce, retain: false, Timeout());
                // MQTT 3.1.1 has no way to refuse a PUBLISH: the broker acknowledges it and drops it.
                Assert.Equal(MqttProtocolVersion.V311, version);
            }
            catch (MqttException refused)
            {
                Assert.Equal(MqttProtocolVersion.V5, version);
                Assert.Equal(0x87, refused.ReasonCode);
                output.WriteLine($"{topic}: {refused.Message}");
            }
        }

        // The controls: A's own report reaches the bridge, B's own desired reaches B, each after the forgeries.
        await deviceA.PublishAsync(a.Reported, Encoding.UTF8.GetBytes("A's own"), MqttQos.AtLeastOnce, retain: false, Timeout());
        await bridge.PublishAsync(b.Desired, Encoding.UTF8.GetBytes("from the bridge"), MqttQos.AtLeastOnce, retain: false, Timeout());

        var atBridge = await CollectAsync(bridge, m => m.Topic == a.Reported);
        var atB = await CollectAsync(deviceB, m => Encoding.UTF8.GetString(m.Payload) == "from the bridge");
        Assert.DoesNotContain(atBridge, m => Encoding.UTF8.GetString(m.Payload) == "forged by A");
        Assert.DoesNotContain(atB, m => Encoding.UTF8.GetString(m.Payload) == "forged by A");
    }

    [Fact]
    public async Task WrongPassword_AndUnknownUser_AreRefused()
    {
        await using var wrong = new MqttClient(_broker.ClientOptions("pi-a") with { Username = "pi-a", Password = "secret-b" });
        await using var unknown = new MqttClient(_broker.ClientOptions("pi-z") with { Username = "pi-z", Password = "x" });
        wrong.Start();
        unknown.Start();

        Assert.NotNull((await wrong.Events.NextAsync<MqttDisconnected>()).Reason.ReasonCode);
        Assert.NotNull((await unknown.Events.NextAsync<MqttDisconnected>()).Reason.ReasonCode);
    }

    private async Task<MqttClient> ConnectAsync(string user, string password, MqttProtocolVersion version)
    {
        var client = new MqttClient(_broker.ClientOptions(user) with { Username = user, Password = password, ProtocolVersion = version });
        await client.ConnectAsync(Timeout());
        return client;
    }

    // Every message up to and including the first that matches `last`.
    private static async Task<List<MqttMessage>> CollectAsync(MqttClient client, Func<MqttMessage, bool> last)
    {
        var received = new List<MqttMessage>();
        while (true)
        {
            var message = await client.Events.NextAsync<MqttMessage>();
            received.Add(message);
            if (last(message)) return received;
        }
    }

    private static void AddUser(string file, string user, string password)
    {
        var script = Path.Combine(Fixtures.RepoRoot, "deploy", "mosquitto", "add-user.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, file, user, password]) { RedirectStandardError = true, UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("add-user.sh failed: " + process.StandardError.ReadToEnd());
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;
}
