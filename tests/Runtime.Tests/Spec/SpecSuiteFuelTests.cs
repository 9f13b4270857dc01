namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>The whole core suite again with fuel metering on: metering must not change any result.</summary>
public sealed class SpecSuiteFuelTests : IDisposable
{
    private readonly Engine _engine = new(new EngineOptions().WithFuel(true));

    public static TheoryData<string> Scripts => SpecSuite.CoreScripts();

    [Theory]
    [MemberData(nameof(Scripts))]
    public void EveryCommandPassesWithFuelOn(string script)
    {
        using var runner = new SpecRunner(_engine);
        var result = runner.Run(SpecSuite.Load(script));
        Assert.True(result.Failed == 0, $"{result.Failed} of {result.Total} commands failed, first: {result.Failures.FirstOrDefault()}");
    }

    public void Dispose() => _engine.Dispose();
}
