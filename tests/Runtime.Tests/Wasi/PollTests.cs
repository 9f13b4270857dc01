using System.IO.Pipes;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Wasi;
using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Wasi;

public sealed class PollTests
{
    private const uint SubscriptionSize = 48;
    private const uint EventSize = 32;
    private const ushort Absolute = 1;

    [Fact]
    public async Task RelativeClock_WaitsUntilTheTimeProviderPassesTheTimeout()
    {
        var clock = new FakeTimeProvider();
        using var guest = new GuestHarness(new WasiConfiguration().WithTimeProvider(clock));
        var input = guest.Alloc((int)SubscriptionSize);
        Clock(guest, input, userData: 7, ClockId.Monotonic, 1_000_000_000, 0);
        var (output, count) = (guest.Alloc((int)EventSize), guest.Alloc(4));
        var poll = Task.Run(() => guest.Call("poll_oneoff", input, output, 1, count));

        Assert.False(await Completes(poll, 100), "the poll returned before the clock moved");
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(await Completes(poll, 100), "the poll returned before its timeout");
        await AdvanceUntil(clock, poll);

        Assert.Equal(Errno.Success, await poll);
        Assert.Equal(1u, guest.ReadU32(count));
        Assert.Equal(7UL, guest.ReadU64(output));
        Assert.Equal((ushort)Errno.Success, guest.ReadU16(output + 8));
        Assert.Equal((byte)EventType.Clock, guest.Memory[output + 10]);
    }

    [Fact]
    public void AbsoluteRealtimeClock_InThePastFiresAtOnce()
    {
        var clock = new FakeTimeProvider();
        using var guest = new GuestHarness(new WasiConfiguration().WithTimeProvider(clock));
        var input = guest.Alloc((int)SubscriptionSize * 2);
        var now = (ulong)(clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        Clock(guest, input, 1, ClockId.Realtime, now - 1, Absolute);
        Clock(guest, input + SubscriptionSize, 2, ClockId.Realtime, now + 5_000_000_000, Absolute);
        var (output, count) = (guest.Alloc((int)EventSize * 2), guest.Alloc(4));
        Assert.Equal(Errno.Success, guest.Call("poll_oneoff", input, output, 2, count));
        Assert.Equal(1u, guest.ReadU32(count));
        Assert.Equal(1UL, guest.ReadU64(output));
    }

    [Fact]
    public async Task AbsoluteMonotonicClock_WaitsForItsDeadline()
    {
        var clock = new FakeTimeProvider();
        using var guest = new GuestHarness(new WasiConfiguration().WithTimeProvider(clock));
        var now = guest.Alloc(8);
        guest.Call("clock_time_get", (long)ClockId.Monotonic, 0, now);
        var input = guest.Alloc((int)SubscriptionSize);
        Clock(guest, input, 3, ClockId.Monotonic, guest.ReadU64(now) + 2_000_000_000, Absolute);
        var (output, count) = (guest.Alloc((int)EventSize), guest.Alloc(4));
        var poll = Task.Run(() => guest.Call("poll_oneoff", input, output, 1, count));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await Completes(poll, 100));
        await AdvanceUntil(clock, poll);
        Assert.Equal(Errno.Success, await poll);
        guest.Call("clock_time_get", (long)ClockId.Monotonic, 0, now);
        Assert.True(guest.ReadU64(now) >= guest.ReadU64(input + 24));
    }

    [Fact]
    public void ReadyDescriptors_AreReportedWithoutWaitingAndWithBytesAvailable()
    {
        using var root = new TempDirectory();
        File.WriteAllText(root.Combine("f"), "0123456789");
        using var guest = new GuestHarness(new WasiConfiguration().WithPreopenedDirectory(root.Path, "/d")
            .WithStandardInput(new MemoryStream("abc"u8.ToArray())));
        var file = guest.Open(GuestHarness.FirstPreopen, "f");
        var input = guest.Alloc((int)SubscriptionSize * 4);
        FdSubscription(guest, input, 10, EventType.FdRead, file);
        FdSubscription(guest, input + SubscriptionSize, 11, EventType.FdWrite, 1);
        FdSubscription(guest, input + (2 * SubscriptionSize), 12, EventType.FdRead, 0);
        Clock(guest, input + (3 * SubscriptionSize), 13, ClockId.Monotonic, 60_000_000_000, 0);
        var (output, count) = (guest.Alloc((int)EventSize * 4), guest.Alloc(4));

        guest.Read(0, 0); // nothing read yet; make sure stdin has been asked for data
        Assert.Equal(Errno.Success, guest.Call("poll_oneoff", input, output, 4, count));
        var events = Enumerable.Range(0, (int)guest.ReadU32(count))
            .ToDictionary(i => guest.ReadU64(output + (uint)(i * EventSize)), i => guest.ReadU64(output + (uint)(i * EventSize) + 16));
        Assert.Equal(10UL, events[10]);
        Assert.True(events.ContainsKey(11));
        Assert.Equal(3UL, events[12]);
        Assert.False(events.ContainsKey(13));
    }

    [Fact]
    public async Task StdinWithoutData_LetsTheClockFireFirst()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var clock = new FakeTimeProvider();
        using var guest = new GuestHarness(new WasiConfiguration().WithStandardInput(client).WithTimeProvider(clock));
        var input = guest.Alloc((int)SubscriptionSize * 2);
        FdSubscription(guest, input, 1, EventType.FdRead, 0);
        Clock(guest, input + SubscriptionSize, 2, ClockId.Monotonic, 500_000_000, 0);
        var (output, count) = (guest.Alloc((int)EventSize * 2), guest.Alloc(4));
        var poll = Task.Run(() => guest.Call("poll_oneoff", input, output, 2, count));
        Assert.False(await Completes(poll, 100));
        await AdvanceUntil(clock, poll);
        Assert.Equal(1u, guest.ReadU32(count));
        Assert.Equal(2UL, guest.ReadU64(output));
    }

    [Fact]
    public async Task StdinData_WakesAPollThatWouldOtherwiseSleepLong()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        using var guest = new GuestHarness(new WasiConfiguration().WithStandardInput(client));
        var input = guest.Alloc((int)SubscriptionSize * 2);
        FdSubscription(guest, input, 1, EventType.FdRead, 0);
        Clock(guest, input + SubscriptionSize, 2, ClockId.Monotonic, 60_000_000_000, 0);
        var (output, count) = (guest.Alloc((int)EventSize * 2), guest.Alloc(4));
        var poll = Task.Run(() => guest.Call("poll_oneoff", input, output, 2, count));
        Assert.False(await Completes(poll, 100));
        server.Write("go"u8);
        server.Flush();
        Assert.True(await Completes(poll, 10_000));
        Assert.Equal(1UL, guest.ReadU64(output));
        Assert.Equal((Errno.Success, "go"), guest.Read(0));
    }

    [Fact]
    public void Sleep_IsStoppedByTheInterrupt()
    {
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        using var guest = new GuestHarness(new WasiConfiguration()) { Interrupt = interrupt.Token };
        var input = guest.Alloc((int)SubscriptionSize);
        Clock(guest, input, 1, ClockId.Monotonic, 3_600_000_000_000, 0);
        var (output, count) = (guest.Alloc((int)EventSize), guest.Alloc(4));
        var trap = Assert.Throws<WasmTrapException>(() => guest.Call("poll_oneoff", input, output, 1, count));
        Assert.Equal(TrapCode.Interrupted, trap.Code);
    }

    [Fact]
    public void InvalidSubscriptions_AreRefusedLikeWasmtime()
    {
        using var guest = new GuestHarness(new WasiConfiguration());
        var input = guest.Alloc((int)SubscriptionSize);
        var (output, count) = (guest.Alloc((int)EventSize), guest.Alloc(4));
        Assert.Equal(Errno.Inval, guest.Call("poll_oneoff", input, output, 0, count));
        FdSubscription(guest, input, 1, EventType.FdRead, 99);
        Assert.Equal(Errno.Badf, guest.Call("poll_oneoff", input, output, 1, count));
        Clock(guest, input, 1, ClockId.ProcessCpuTime, 1, 0);
        Assert.Equal(Errno.Inval, guest.Call("poll_oneoff", input, output, 1, count));
        Clock(guest, input, 1, ClockId.Monotonic, 1, 2);
        Assert.Equal(Errno.Inval, guest.Call("poll_oneoff", input, output, 1, count));
        guest.Memory[input + 8] = 3;
        Assert.Equal(Errno.Inval, guest.Call("poll_oneoff", input, output, 1, count));
    }

    private static async Task AdvanceUntil(FakeTimeProvider clock, Task poll)
    {
        for (var i = 0; i < 200 && !poll.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            await Completes(poll, 20);
        }

        Assert.True(poll.IsCompleted, "the poll did not return after the clock passed its deadline");
    }

    private static async Task<bool> Completes(Task task, int milliseconds) =>
        await Task.WhenAny(task, Task.Delay(milliseconds)) == task;

    private static void Clock(GuestHarness guest, uint at, ulong userData, ClockId clock, ulong timeout, ushort flags)
    {
        guest.Memory.AsSpan((int)at, (int)SubscriptionSize).Clear();
        guest.WriteU64(at, userData);
        guest.Memory[at + 8] = (byte)EventType.Clock;
        guest.WriteU32(at + 16, (uint)clock);
        guest.WriteU64(at + 24, timeout);
        guest.WriteU16(at + 40, flags);
    }

    private static void FdSubscription(GuestHarness guest, uint at, ulong userData, EventType type, int fd)
    {
        guest.Memory.AsSpan((int)at, (int)SubscriptionSize).Clear();
        guest.WriteU64(at, userData);
        guest.Memory[at + 8] = (byte)type;
        guest.WriteU32(at + 16, (uint)fd);
    }
}
