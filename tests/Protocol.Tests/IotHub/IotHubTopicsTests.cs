using EdgeWasm.Protocol.IotHub;

namespace EdgeWasm.Protocol.Tests.IotHub;

public sealed class IotHubTopicsTests
{
    [Fact]
    public void Builders_WriteTheDocumentedTopics()
    {
        Assert.Equal("contoso.azure-devices.net/pi-1/?api-version=2021-04-12", IotHubTopics.Username("contoso.azure-devices.net", "pi-1"));
        Assert.Equal("$iothub/twin/GET/?$rid=7", IotHubTopics.TwinGet("7"));
        Assert.Equal("$iothub/twin/PATCH/properties/reported/?$rid=8", IotHubTopics.ReportedPatch("8"));
        Assert.Equal("$iothub/methods/res/200/?$rid=ab", IotHubTopics.MethodResponse(200, "ab"));
        Assert.Equal("devices/pi-1/messages/events/", IotHubTopics.Telemetry("pi-1"));
        Assert.Equal("devices/pi-1/messages/events/a=b", IotHubTopics.Telemetry("pi-1", "a=b"));
    }

    [Theory]
    [InlineData("$iothub/twin/res/204/?$rid=1&$version=6", 204, "1", 6L)]
    [InlineData("$iothub/twin/res/200/?$rid=abc", 200, "abc", null)]
    [InlineData("$iothub/twin/res/429/?$rid=9", 429, "9", null)]
    public void TryParseTwinResponse_ReadsStatusRequestAndVersion(string topic, int status, string rid, long? version)
    {
        Assert.True(IotHubTopics.TryParseTwinResponse(topic, out var s, out var r, out var v));
        Assert.Equal(status, s);
        Assert.Equal(rid, r);
        Assert.Equal(version, v);
    }

    [Theory]
    [InlineData("$iothub/twin/res/abc/?$rid=1")]
    [InlineData("$iothub/twin/res/204/?$version=3")]
    [InlineData("$iothub/twin/res/204?$rid=1")]
    [InlineData("$iothub/twin/res/204/x/?$rid=1")]
    [InlineData("$iothub/twin/res/204/?$rid=1&$version=x")]
    [InlineData("$iothub/methods/res/200/?$rid=1")]
    public void TryParseTwinResponse_RefusesOtherShapes(string topic) =>
        Assert.False(IotHubTopics.TryParseTwinResponse(topic, out _, out _, out _));

    [Fact]
    public void TryParseDesiredPatch_ReadsTheVersion()
    {
        Assert.True(IotHubTopics.TryParseDesiredPatch("$iothub/twin/PATCH/properties/desired/?$version=12", out var version));
        Assert.Equal(12, version);
        Assert.False(IotHubTopics.TryParseDesiredPatch("$iothub/twin/PATCH/properties/desired/", out _));
        Assert.False(IotHubTopics.TryParseDesiredPatch("$iothub/twin/PATCH/properties/reported/?$version=1", out _));
    }

    [Fact]
    public void TryParseMethodRequest_ReadsNameAndRequestId()
    {
        Assert.True(IotHubTopics.TryParseMethodRequest("$iothub/methods/POST/getLogs/?$rid=1a", out var name, out var rid));
        Assert.Equal("getLogs", name);
        Assert.Equal("1a", rid);
        Assert.False(IotHubTopics.TryParseMethodRequest("$iothub/methods/POST//?$rid=1", out _, out _));
        Assert.False(IotHubTopics.TryParseMethodRequest("$iothub/methods/POST/ping/", out _, out _));
    }

    [Fact]
    public void ParseProperties_DecodesKeysWithoutValues()
    {
        var bag = IotHubTopics.ParseProperties("prop1&prop2=&prop3=a%20string&%24.ct=application%2Fjson");

        Assert.Equal("", bag["prop1"]);
        Assert.Equal("", bag["prop2"]);
        Assert.Equal("a string", bag["prop3"]);
        Assert.Equal("application/json", bag["$.ct"]);
    }
}
