using System.CommandLine;
using EdgeWasm.Cli.Demo;

namespace EdgeWasm.Cli.Tests.Demo;

/// <summary><c>edgewasm demo</c>'s options: bad ones are refused with exit code 2 before anything starts.</summary>
public sealed class DemoCommandTests
{
    [Theory]
    [InlineData("--for", "soon", "--for \"soon\" is not a duration")]
    [InlineData("--for", "0s", "--for \"0s\" is not a duration")]
    [InlineData("--timeout", "-1s", "--timeout \"-1s\" is not a duration")]
    [InlineData("--root", "/nonexistent-edgewasm", "cannot find the repository's examples/ folder")]
    public async Task BadOption_ExitsWith2_SayingWhy(string option, string value, string message)
    {
        var root = new RootCommand { DemoCommand.Create() };
        var error = new StringWriter();

        var code = await root.Parse(["demo", option, value]).InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.Equal(2, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForAndUntilSettledTogether_AreRefused()
    {
        var root = new RootCommand { DemoCommand.Create() };
        var error = new StringWriter();

        var code = await root.Parse(["demo", "--for", "30s", "--until-settled"]).InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.Equal(2, code);
        Assert.Contains("not both", error.ToString(), StringComparison.Ordinal);
    }
}
