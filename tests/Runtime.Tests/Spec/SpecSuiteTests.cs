using Xunit.Abstractions;

namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>Runs every command of every core spec script; one row per script.</summary>
public sealed class SpecSuiteTests(SpecSummary summary, ITestOutputHelper output) : IClassFixture<SpecSummary>
{
    public static TheoryData<string> Scripts => SpecSuite.CoreScripts();

    [Theory]
    [MemberData(nameof(Scripts))]
    public void EveryCommandPasses(string script)
    {
        using var runner = new SpecRunner(summary.Engine);
        var result = runner.Run(SpecSuite.Load(script));
        summary.Add(result);
        output.WriteLine($"{script}: {result.Passed} passed, {result.Failed} failed, {result.Skipped} skipped of {result.Total}");
        foreach (var (kind, counts) in result.Counts.OrderBy(c => c.Key))
        {
            output.WriteLine($"  {kind}: {counts.Passed} passed, {counts.Failed} failed, {counts.Skipped} skipped");
        }

        foreach (var failure in result.Failures.Take(50)) output.WriteLine("  FAIL " + failure);
        Assert.True(result.Failed == 0, $"{result.Failed} of {result.Total} commands failed, first: {result.Failures.FirstOrDefault()}");
    }
}
