using System.Runtime.InteropServices;
using EdgeWasm.Protocol.Mqtt;

namespace EdgeWasm.Protocol.Tests.Mqtt;

public sealed class BindingPrimitivesTests
{
    [Theory]
    [InlineData(1, 1000, 30000, 500, 1000)]
    [InlineData(2, 1000, 30000, 1000, 2000)]
    [InlineData(4, 1000, 30000, 4000, 8000)]
    [InlineData(10, 1000, 30000, 15000, 30000)]
    [InlineData(200, 1000, 30000, 15000, 30000)]
    public void ReconnectBackoff_DoublesUpToTheMaximum_SpreadBetweenHalfAndFull(int failures, int firstMs, int maxMs, int lowMs, int highMs)
    {
        foreach (var client in new[] { "pi-1", "pi-2", "gateway.site-7", "edgewasm-bridge" })
        {
            var delay = ReconnectBackoff.Delay(failures, TimeSpan.FromMilliseconds(firstMs), TimeSpan.FromMilliseconds(maxMs), client);
            Assert.InRange(delay.TotalMilliseconds, lowMs, highMs);
            Assert.Equal(delay, ReconnectBackoff.Delay(failures, TimeSpan.FromMilliseconds(firstMs), TimeSpan.FromMilliseconds(maxMs), client));
        }
    }

    [Fact]
    public void ReconnectBackoff_SpreadsAFleet()
    {
        var delays = Enumerable.Range(0, 100)
            .Select(i => ReconnectBackoff.Delay(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), $"pi-{i}"))
            .Distinct()
            .Count();

        Assert.True(delays > 50, $"only {delays} distinct delays for 100 devices");
    }

    [Fact]
    public void NativeMessage_MatchesTheCLayoutOfThisPlatform()
    {
        // struct mosquitto_message { int mid; char *topic; void *payload; int payloadlen; int qos; bool retain; }
        var pointer = IntPtr.Size;
        Assert.Equal(0, (int)Marshal.OffsetOf<NativeMessage>(nameof(NativeMessage.Mid)));
        Assert.Equal(pointer, (int)Marshal.OffsetOf<NativeMessage>(nameof(NativeMessage.Topic)));
        Assert.Equal(2 * pointer, (int)Marshal.OffsetOf<NativeMessage>(nameof(NativeMessage.Payload)));
        Assert.Equal(3 * pointer, (int)Marshal.OffsetOf<NativeMessage>(nameof(NativeMessage.PayloadLength)));
        Assert.Equal((3 * pointer) + 4, (int)Marshal.OffsetOf<NativeMessage>(nameof(NativeMessage.Qos)));
        Assert.Equal((3 * pointer) + 8, (int)Marshal.OffsetOf<NativeMessage>(nameof(NativeMessage.Retain)));
    }

    [Fact]
    public void EveryLibraryErrorCode_BecomesAMessageWithTheOperationAndLibmosquittosText()
    {
        MosquittoLibrary.EnsureInitialized();
        foreach (var code in Enum.GetValues<MosquittoError>().Where(c => c > MosquittoError.Success))
        {
            var error = MqttException.FromCode("publish to 'a/b'", (int)code);

            Assert.StartsWith("MQTT publish to 'a/b' failed: ", error.Message, StringComparison.Ordinal);
            Assert.Contains($"MOSQ_ERR {(int)code}: {code}", error.Message, StringComparison.Ordinal);
            Assert.Equal((int)code, error.ErrorCode);
            var text = error.Message["MQTT publish to 'a/b' failed: ".Length..error.Message.IndexOf(" (MOSQ_ERR", StringComparison.Ordinal)];
            Assert.False(string.IsNullOrWhiteSpace(text), $"{code} has no text");
        }

        Assert.Contains("Connection refused", MqttException.FromCode("connect", (int)MosquittoError.Errno, osError: 111).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mqtt://broker.local", "broker.local", 1883, null, null, false)]
    [InlineData("mqtt://broker.local:1884/", "broker.local", 1884, null, null, false)]
    [InlineData("mqtts://pi-1:s%40cret@broker.example", "broker.example", 8883, "pi-1", "s@cret", true)]
    [InlineData("mqtts://10.0.0.5:9883", "10.0.0.5", 9883, null, null, true)]
    public void FromUri_ReadsSchemeHostPortAndCredentials(string uri, string host, int port, string? user, string? password, bool tls)
    {
        var options = MqttClientOptions.FromUri(uri, "pi-1");

        Assert.Equal((host, port, user, password, tls), (options.Host, options.Port, options.Username, options.Password, options.Tls is not null));
        Assert.False(options.CleanSession);
        Assert.Equal("pi-1", options.ClientId);
    }

    [Theory]
    [InlineData("http://broker")]
    [InlineData("broker:1883")]
    [InlineData("mqtt://broker/topic")]
    [InlineData("mqtt://broker?x=1")]
    public void FromUri_OtherUrls_AreRefused(string uri) =>
        Assert.Throws<ArgumentException>(() => MqttClientOptions.FromUri(uri, "pi-1"));
}
