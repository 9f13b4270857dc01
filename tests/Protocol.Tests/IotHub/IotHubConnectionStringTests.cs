using EdgeWasm.Protocol.IotHub;

namespace EdgeWasm.Protocol.Tests.IotHub;

public sealed class IotHubConnectionStringTests
{
    private const string Key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    [Fact]
    public void ParseDevice_ReadsHostDeviceAndKey_KeepingBase64Padding()
    {
        var parsed = IotHubConnectionString.ParseDevice($"HostName=contoso.azure-devices.net;DeviceId=pi-1;SharedAccessKey={Key}");

        Assert.Equal("contoso.azure-devices.net", parsed.HostName);
        Assert.Equal("pi-1", parsed.DeviceId);
        Assert.Equal(Key, parsed.SharedAccessKey);
        Assert.False(parsed.UsesX509);
        Assert.DoesNotContain(Key, parsed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseDevice_X509_HasNoKey()
    {
        var parsed = IotHubConnectionString.ParseDevice("HostName=contoso.azure-devices.net;DeviceId=pi-1;x509=true");

        Assert.True(parsed.UsesX509);
        Assert.Null(parsed.SharedAccessKey);
    }

    [Fact]
    public void ParseService_ReadsThePolicy()
    {
        var parsed = IotHubConnectionString.ParseService($" HostName=contoso.azure-devices.net ; SharedAccessKeyName=edgewasm-bridge;SharedAccessKey={Key};");

        Assert.Equal("edgewasm-bridge", parsed.SharedAccessKeyName);
        Assert.Equal(Key, parsed.SharedAccessKey);
    }

    [Theory]
    [InlineData("DeviceId=pi-1;SharedAccessKey=" + Key, "HostName")]
    [InlineData("HostName=h.net;SharedAccessKey=" + Key, "DeviceId")]
    [InlineData("HostName=h.net;DeviceId=pi-1", "exactly one of SharedAccessKey and x509")]
    [InlineData("HostName=h.net;DeviceId=pi-1;x509=true;SharedAccessKey=" + Key, "exactly one")]
    [InlineData("HostName=h.net;DeviceId=pi-1;SharedAccessKey=abc$", "not base64")]
    [InlineData("HostName=h.net;DeviceId=pi-1;ModuleId=m;SharedAccessKey=" + Key, "ModuleId")]
    [InlineData("HostName=h.net;DeviceId=pi-1;DeviceId=pi-2;SharedAccessKey=" + Key, "twice")]
    [InlineData("HostName=h.net;DeviceId=;SharedAccessKey=" + Key, "DeviceId is empty")]
    [InlineData("HostName=h.net;SharedAccessKeyName=owner;SharedAccessKey=" + Key, "policy")]
    [InlineData("garbage", "without a name")]
    public void ParseDevice_RefusesWithAReason(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => IotHubConnectionString.ParseDevice(text));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HostName=h.net;DeviceId=pi-1;SharedAccessKey=" + Key, "SharedAccessKeyName")]
    [InlineData("HostName=h.net;SharedAccessKeyName=owner", "SharedAccessKeyName and SharedAccessKey")]
    public void ParseService_RefusesADeviceString(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => IotHubConnectionString.ParseService(text));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }
}
