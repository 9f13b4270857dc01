using EdgeWasm.Cli.Demo;

namespace EdgeWasm.Cli.Tests.Demo;

/// <summary>The <c>demo.edgewasm.io/expect</c> annotation: parsing and matching a pod's state.</summary>
public sealed class ExpectationTests
{
    [Theory]
    [InlineData("phase=Running", "Running", null, 0, true)]
    [InlineData("phase=Running", "Pending", null, 0, false)]
    [InlineData("phase=Failed reason=OOMKilled", "Failed", "OOMKilled", 0, true)]
    [InlineData("phase=Failed reason=OOMKilled", "Failed", "Error", 0, false)]
    [InlineData("reason=CrashLoopBackOff restarts>=1", "Running", "CrashLoopBackOff", 0, false)]
    [InlineData("reason=CrashLoopBackOff restarts>=1", "Running", "CrashLoopBackOff", 3, true)]
    [InlineData("  phase=Succeeded   reason=Completed ", "Succeeded", "Completed", 0, true)]
    public void IsMetBy_HoldsOnlyWhenEveryTermHolds(string annotation, string phase, string? reason, int restarts, bool met) =>
        Assert.Equal(met, Expectation.Parse(annotation).IsMetBy(phase, reason, restarts));

    [Theory]
    [InlineData("phase=Running restarts>=2", "phase=Running restarts>=2")]
    [InlineData("reason=X", "reason=X")]
    public void ToString_GivesTheTermsBack(string annotation, string text) => Assert.Equal(text, Expectation.Parse(annotation).ToString());

    [Theory]
    [InlineData("", "expects nothing")]
    [InlineData("phase=Running ready=1/1", "'ready=1/1'")]
    [InlineData("restarts>=many", "'restarts>=many'")]
    [InlineData("restarts>=-1", "'restarts>=-1'")]
    public void Parse_RejectsWhatItDoesNotKnow_NamingIt(string annotation, string named)
    {
        var error = Assert.Throws<FormatException>(() => Expectation.Parse(annotation));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
