using EdgeWasm.CloudBridge.Fleet;

namespace EdgeWasm.CloudBridge.Tests.Fleet;

public sealed class DevicesFileTests
{
    [Fact]
    public void Parse_IdsProfilesCommentsAndBlankLines()
    {
        var devices = DevicesFile.Parse(["# site north", "", "pi-1 raspberry-pi-4-4gb", "gw-2=x86-64-gateway  # the gateway", "pi-3"], "devices.txt");

        Assert.Equal([new ConfiguredDevice("pi-1", "raspberry-pi-4-4gb"), new ConfiguredDevice("gw-2", "x86-64-gateway"), new ConfiguredDevice("pi-3", null)], devices);
    }

    [Theory]
    [InlineData("pi-1 a b", "devices.txt:1: expected 'ID' or 'ID PROFILE'")]
    [InlineData("PI_1", "devices.txt:1: device id 'PI_1'")]
    [InlineData("pi-1=", "devices.txt:1: device 'pi-1=': the profile after '=' is empty")]
    public void Parse_BadLine_NamesTheLine(string line, string error)
    {
        Assert.StartsWith(error, Assert.Throws<FormatException>(() => DevicesFile.Parse([line], "devices.txt")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ADeviceTwice_IsAnError()
    {
        Assert.Contains("'pi-1' is listed more than once", Assert.Throws<FormatException>(() => DevicesFile.Parse(["pi-1", "pi-1 x"], "d")).Message, StringComparison.Ordinal);
    }
}
