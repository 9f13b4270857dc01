using EdgeWasm.Runtime.Wasi;
using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Wasi;

public sealed class ClockTests
{
    [Fact]
    public void Realtime_IsNanosecondsSinceTheEpochFromTheTimeProvider()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero));
        using var guest = new GuestHarness(new WasiConfiguration().WithTimeProvider(clock));
        var result = guest.Alloc(8);
        Assert.Equal(Errno.Success, guest.Call("clock_time_get", (long)ClockId.Realtime, 1, result));
        var expected = (ulong)(clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        Assert.Equal(expected, guest.ReadU64(result));
    }

    [Fact]
    public void Monotonic_AdvancesWithTheTimeProvider()
    {
        var clock = new FakeTimeProvider();
        using var guest = new GuestHarness(new WasiConfiguration().WithTimeProvider(clock));
        var result = guest.Alloc(8);
        Assert.Equal(Errno.Success, guest.Call("clock_time_get", (long)ClockId.Monotonic, 0, result));
        var before = guest.ReadU64(result);
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(Errno.Success, guest.Call("clock_time_get", (long)ClockId.Monotonic, 0, result));
        Assert.Equal(1_500_000_000UL, guest.ReadU64(result) - before);
    }

    [Fact]
    public void CpuClocks_AdvanceWhenTheHostThreadWorks()
    {
        using var guest = new GuestHarness(new WasiConfiguration());
        var result = guest.Alloc(8);
        foreach (var clock in new[] { ClockId.ProcessCpuTime, ClockId.ThreadCpuTime })
        {
            Assert.Equal(Errno.Success, guest.Call("clock_time_get", (long)clock, 0, result));
            var before = guest.ReadU64(result);
            var spin = 0.0;
            var giveUp = DateTime.UtcNow.AddSeconds(5);
            do
            {
                for (var i = 0; i < 100_000; i++) spin += Math.Sqrt(spin + i);
                Assert.Equal(Errno.Success, guest.Call("clock_time_get", (long)clock, 0, result));
            }
            while (guest.ReadU64(result) == before && DateTime.UtcNow < giveUp);
            Assert.True(guest.ReadU64(result) > before, $"{clock} did not advance ({spin})");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Resolution_IsPositiveAndAtMostOneMillisecond(int clock)
    {
        using var guest = new GuestHarness(new WasiConfiguration());
        var result = guest.Alloc(8);
        Assert.Equal(Errno.Success, guest.Call("clock_res_get", (long)clock, result));
        Assert.InRange(guest.ReadU64(result), 1UL, 1_000_000UL);
    }

    [Fact]
    public void UnknownClock_IsEinval()
    {
        using var guest = new GuestHarness(new WasiConfiguration());
        var result = guest.Alloc(8);
        Assert.Equal(Errno.Inval, guest.Call("clock_time_get", 4, 0, result));
        Assert.Equal(Errno.Inval, guest.Call("clock_res_get", 4, result));
    }
}
