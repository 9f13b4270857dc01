using EdgeWasm.Cli.Run;

namespace EdgeWasm.Cli.Tests.Run;

/// <summary>The values of <c>--dir</c>, <c>--env</c> and <c>--tcplisten</c>, parsed without running anything.</summary>
public sealed class OptionValueTests
{
    [Theory]
    [InlineData("/srv/data::/data", "/srv/data", "/data", false)]
    [InlineData("/srv/data::/data:ro", "/srv/data", "/data", true)]
    [InlineData("/srv/data", "/srv/data", "/srv/data", false)]
    [InlineData("/srv/data:ro", "/srv/data", "/srv/data", true)]
    [InlineData(".", ".", ".", false)]
    [InlineData("./db::.", "./db", ".", false)]
    [InlineData("data::ro", "data", "ro", false)]
    [InlineData("data::ro:ro", "data", "ro", true)]
    [InlineData("a:b::/c", "a:b", "/c", false)]
    public void Directory_ParsesBothFormsAndTheSuffix(string text, string host, string guest, bool readOnly)
    {
        Assert.True(DirectoryMapping.TryParse(text, out var mapping, out var error), error);
        Assert.Equal(new DirectoryMapping(host, guest, readOnly), mapping);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":ro")]
    [InlineData("::/data")]
    [InlineData("/srv::")]
    [InlineData("/srv:::ro")]
    [InlineData("/srv::/data::ro")]
    public void Directory_RejectsEmptyPartsAndExtraSeparators(string text)
    {
        Assert.False(DirectoryMapping.TryParse(text, out _, out var error));
        Assert.StartsWith($"--dir \"{text}\" ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MODE=edge", "MODE", "edge")]
    [InlineData("EMPTY=", "EMPTY", "")]
    [InlineData("EXPR=a=b=c", "EXPR", "a=b=c")]
    [InlineData("HOME", "HOME", null)]
    public void Environment_ParsesValueOrInheritance(string text, string name, string? value)
    {
        Assert.True(EnvironmentSetting.TryParse(text, out var setting, out var error), error);
        Assert.Equal(new EnvironmentSetting(name, value), setting);
    }

    [Fact]
    public void Environment_InheritsTheHostsValue_OrNothing()
    {
        Func<string, string?> host = name => name == "HOME" ? "/root" : null;

        Assert.Equal("/root", new EnvironmentSetting("HOME", null).Resolve(host));
        Assert.Null(new EnvironmentSetting("UNSET", null).Resolve(host));
        Assert.Equal("mine", new EnvironmentSetting("HOME", "mine").Resolve(host));
    }

    [Theory]
    [InlineData("=x")]
    [InlineData("")]
    public void Environment_RejectsAMissingName(string text) => Assert.False(EnvironmentSetting.TryParse(text, out _, out _));

    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080)]
    [InlineData("[::1]:0", "::1", 0)]
    [InlineData("localhost:65535", "localhost", 65535)]
    [InlineData("0.0.0.0:1", "0.0.0.0", 1)]
    public void ListenAddress_ParsesHostAndPort(string text, string host, int port)
    {
        Assert.True(ListenAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(new ListenAddress(text, host, port), address);
    }

    [Theory]
    [InlineData("8080")]
    [InlineData(":8080")]
    [InlineData("::1:8080")]
    [InlineData("[]:80")]
    [InlineData("localhost:")]
    [InlineData("localhost:-1")]
    [InlineData("localhost:65536")]
    [InlineData("localhost:http")]
    public void ListenAddress_RejectsWhatIsNotHostColonPort(string text) => Assert.False(ListenAddress.TryParse(text, out _, out _));
}
