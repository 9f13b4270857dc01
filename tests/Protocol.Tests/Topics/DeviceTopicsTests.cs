using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.Protocol.Tests.Topics;

public sealed class DeviceTopicsTests
{
    [Fact]
    public void Topics_FollowTheContract()
    {
        var topics = new DeviceTopics("pi-1");

        Assert.Equal("edgewasm/v1/devices/pi-1/desired", topics.Desired);
        Assert.Equal("edgewasm/v1/devices/pi-1/reported", topics.Reported);
        Assert.Equal("edgewasm/v1/devices/pi-1/online", topics.Online);
        Assert.Equal("edgewasm/v1/devices/pi-1/heartbeat", topics.Heartbeat);
        Assert.Equal("edgewasm/v1/devices/pi-1/logs/req", topics.LogsRequest);
        Assert.Equal("edgewasm/v1/devices/pi-1/logs/res/abc-1", topics.LogsResponse("abc-1"));
        Assert.Equal("edgewasm/v1/devices/pi-1/rejected", topics.Rejected);
        Assert.Equal("edgewasm/v1/devices/+/logs/res/+", DeviceTopics.AllLogsResponses);
    }

    [Theory]
    [InlineData("edgewasm/v1/devices/pi-1/desired", "pi-1", TopicKind.Desired, null)]
    [InlineData("edgewasm/v1/devices/gw.site-2/reported", "gw.site-2", TopicKind.Reported, null)]
    [InlineData("edgewasm/v1/devices/a/online", "a", TopicKind.Online, null)]
    [InlineData("edgewasm/v1/devices/a/heartbeat", "a", TopicKind.Heartbeat, null)]
    [InlineData("edgewasm/v1/devices/a/rejected", "a", TopicKind.Rejected, null)]
    [InlineData("edgewasm/v1/devices/a/logs/req", "a", TopicKind.LogsRequest, null)]
    [InlineData("edgewasm/v1/devices/a/logs/res/r-42", "a", TopicKind.LogsResponse, "r-42")]
    public void TryParse_ContractTopics_GiveDeviceKindAndRequest(string topic, string device, TopicKind kind, string? request)
    {
        Assert.True(DeviceTopics.TryParse(topic, out var address));
        Assert.Equal(new TopicAddress(device, kind, request), address);
    }

    [Theory]
    [InlineData("edgewasm/v2/devices/a/desired")]
    [InlineData("edgewasm/v1/devices/a")]
    [InlineData("edgewasm/v1/devices/a/unknown")]
    [InlineData("edgewasm/v1/devices/A/desired")]
    [InlineData("edgewasm/v1/devices/a/logs/res/bad id")]
    [InlineData("edgewasm/v1/devices/a/logs/res")]
    [InlineData("edgewasm/v1/devices/a/desired/extra")]
    [InlineData("other/a/desired")]
    public void TryParse_OtherTopics_AreNotOurs(string topic) => Assert.False(DeviceTopics.TryParse(topic, out _));

    [Theory]
    [InlineData("pi-1", true)]
    [InlineData("gw.site-2.example", true)]
    [InlineData("0", true)]
    [InlineData("", false)]
    [InlineData("Pi", false)]
    [InlineData("a/b", false)]
    [InlineData("a+", false)]
    [InlineData("a#", false)]
    [InlineData("-a", false)]
    [InlineData("a.", false)]
    [InlineData("a b", false)]
    public void DeviceIds_AreKubernetesNodeNames(string id, bool valid)
    {
        Assert.Equal(valid, DeviceIds.IsValid(id));
        if (!valid) Assert.Throws<ArgumentException>(() => new DeviceTopics(id));
    }

    [Fact]
    public void DeviceIds_TooLong_IsRefusedWithTheLimit()
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceIds.Validate(new string('a', 254)));
        Assert.Contains("253", error.Message, StringComparison.Ordinal);
    }
}
