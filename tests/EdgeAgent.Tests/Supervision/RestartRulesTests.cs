using EdgeWasm.EdgeAgent.Supervision;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.TestSupport;
using static EdgeWasm.EdgeAgent.Tests.Supervision.Specs;

namespace EdgeWasm.EdgeAgent.Tests.Supervision;

public sealed class RestartRulesTests
{
    private static readonly SupervisorOptions Options = new();

    [Theory]
    [InlineData(RestartPolicy.Always, false, "Completed", "BackOff")]
    [InlineData(RestartPolicy.Always, false, "Error", "BackOff")]
    [InlineData(RestartPolicy.Always, false, "OomKilled", "BackOff")]
    [InlineData(RestartPolicy.OnFailure, false, "Completed", "Completed")]
    [InlineData(RestartPolicy.OnFailure, false, "FuelExhausted", "BackOff")]
    [InlineData(RestartPolicy.OnFailure, false, "DeadlineExceeded", "BackOff")]
    [InlineData(RestartPolicy.Never, false, "Completed", "Completed")]
    [InlineData(RestartPolicy.Never, false, "Error", "Failed")]
    // An init workload that completed is done, even under Always.
    [InlineData(RestartPolicy.Always, true, "Completed", "Completed")]
    [InlineData(RestartPolicy.Always, true, "Error", "BackOff")]
    // A module that cannot run is not retried until the spec changes.
    [InlineData(RestartPolicy.Always, false, "InvalidModule", "Failed")]
    public void ThePolicyDecidesBetweenBackOffCompletedAndFailed(RestartPolicy policy, bool init, string reasonName, string expectedName)
    {
        var reason = Enum.Parse<TerminationReason>(reasonName);
        var expected = Enum.Parse<WorkloadPhase>(expectedName);
        var outcome = new RunOutcome(reason, reason == TerminationReason.Completed ? 0 : 1, null, Now, Now.AddSeconds(3));

        var decision = RestartRules.Decide(policy, init, outcome, 0, Options);

        Assert.Equal(expected, decision.Phase);
        Assert.Equal(expected == WorkloadPhase.BackOff ? Now.AddSeconds(13) : null, decision.RetryAt);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 20)]
    [InlineData(2, 40)]
    [InlineData(4, 160)]
    [InlineData(5, 300)]
    [InlineData(6, 300)]
    [InlineData(60, 300)]
    public void CoolOff_IsTenSecondsDoubledPerRestart_AtMostFiveMinutes(int step, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RestartRules.Doubling(Options.RestartBackoff, Options.MaxRestartBackoff, step));
    }

    [Fact]
    public void ACrashLoop_BacksOffLongerEachTime_AndTenHealthyMinutesResetIt()
    {
        var clock = new FakeTimeProvider(Now);
        var entry = Entry("a=Ready");
        var delays = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            entry = Lifecycle.Started(entry, clock.GetUtcNow());
            clock.Advance(TimeSpan.FromSeconds(1));
            entry = Lifecycle.Exited(entry, Crash(entry, clock), Options);
            Assert.Equal(WorkloadPhase.BackOff, entry.Phase);
            delays.Add((entry.RetryAt!.Value - clock.GetUtcNow()).TotalSeconds);
            clock.SetUtcNow(entry.RetryAt.Value);
        }

        Assert.Equal([10, 20, 40, 80, 160, 300, 300, 300], delays);
        Assert.Equal(7, entry.Restarts);

        entry = Lifecycle.Started(entry, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(10));
        entry = Lifecycle.Exited(entry, Crash(entry, clock), Options);
        Assert.Equal(TimeSpan.FromSeconds(10), entry.RetryAt - clock.GetUtcNow());
        Assert.Equal(8, entry.Restarts);
    }

    [Fact]
    public void BothDelaysAreConfigurable()
    {
        var options = new SupervisorOptions { RestartBackoff = TimeSpan.FromMilliseconds(100), MaxRestartBackoff = TimeSpan.FromSeconds(1), BackoffResetAfter = TimeSpan.FromSeconds(5) };
        var quick = new RunOutcome(TerminationReason.Error, 1, null, Now, Now.AddSeconds(1));
        var healthy = quick with { FinishedAt = Now.AddSeconds(5) };

        Assert.Equal(Now.AddMilliseconds(1800), RestartRules.Decide(RestartPolicy.Always, false, quick, 3, options).RetryAt);
        Assert.Equal(Now.AddSeconds(2), RestartRules.Decide(RestartPolicy.Always, false, quick, 10, options).RetryAt);
        Assert.Equal(Now.AddMilliseconds(5100), RestartRules.Decide(RestartPolicy.Always, false, healthy, 10, options).RetryAt);
    }

    [Theory]
    [InlineData("RestartBackoff", "00:00:00")]
    [InlineData("MaxRestartBackoff", "00:00:01")]
    [InlineData("BackoffResetAfter", "-00:00:01")]
    [InlineData("FuelBurst", "00:00:00.010")]
    [InlineData("MaxConcurrentPulls", "0")]
    [InlineData("ListenAddress", "everywhere")]
    public void Options_RefuseValuesThatCannotWork(string property, string value)
    {
        var options = new SupervisorOptions();
        var info = typeof(SupervisorOptions).GetProperty(property)!;
        info.SetValue(options, info.PropertyType == typeof(TimeSpan) ? TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : info.PropertyType == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);

        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);
        Assert.Contains(property, error.Message, StringComparison.Ordinal);
    }

    private static RunOutcome Crash(WorkloadEntry entry, FakeTimeProvider clock) =>
        new(TerminationReason.Error, 1, "boom", entry.StartedAt!.Value, clock.GetUtcNow());
}
