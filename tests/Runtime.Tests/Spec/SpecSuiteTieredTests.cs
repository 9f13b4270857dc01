namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>
/// The whole core suite again with tiered compilation (<see cref="EngineOptions.WithEagerOptimization"/> off): most
/// spec functions run once, so this checks the generated IL under RyuJIT's Tier0 rather than its optimizer.
/// </summary>
public sealed class SpecSuiteTieredTests : IDisposable
{
    private readonly Engine _engine = new(new EngineOptions().WithEagerOptimization(false));

    public static TheoryData<string> Scripts => SpecSuite.CoreScripts();

    [Theory]
    [MemberData(nameof(Scripts))]
    public void EveryCommandPassesWithTieredCompilation(string script)
    {
        using var runner = new SpecRunner(_engine);
        var result = runner.Run(SpecSuite.Load(script));
        Assert.True(result.Failed == 0, $"{result.Failed} of {result.Total} commands failed, first: {result.Failures.FirstOrDefault()}");
    }

    public void Dispose() => _engine.Dispose();
}
