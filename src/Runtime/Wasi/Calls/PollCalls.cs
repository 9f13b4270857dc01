using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Descriptors;
using EdgeWasm.Runtime.Wasi.Time;

namespace EdgeWasm.Runtime.Wasi.Calls;

/// <summary>
/// poll_oneoff: waits until at least one subscription is ready (a clock deadline passed, or a descriptor became
/// readable or writable), then reports every subscription that is ready at that moment. Waiting is on tasks, so a
/// sleep or a wait for stdin/sockets is interruptible and follows the injected TimeProvider.
/// </summary>
internal static class PollCalls
{
    /// <summary>More subscriptions than this is EINVAL, so a guest cannot make the host allocate without bound.</summary>
    public const uint MaxSubscriptions = 4096;

    private const uint SubscriptionSize = 48;
    private const uint EventSize = 32;
    private const ushort SubscriptionClockAbsolute = 1;

    // Task.Delay accepts at most 2^32 - 2 milliseconds; longer sleeps wake up and wait again.
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public static Errno PollOneoff(DescriptorTable table, WasiClocks clocks, GuestMemory memory, uint input, uint output, uint count, uint resultPointer, CancellationToken interrupt)
    {
        if (count == 0 || count > MaxSubscriptions) return Errno.Inval;
        memory.Check(input, (ulong)count * SubscriptionSize);
        memory.Check(output, (ulong)count * EventSize);
        memory.Check(resultPointer, 4);

        var subscriptions = new Subscription[count];
        var start = clocks.MonotonicNow();
        for (uint i = 0; i < count; i++)
        {
            var error = Parse(table, clocks, memory, input + (i * SubscriptionSize), start, out subscriptions[i]);
            if (error != Errno.Success) return error;
        }

        using var stop = new CancellationTokenSource();
        try
        {
            var waits = new Task?[count];
            for (var i = 0; i < subscriptions.Length; i++)
            {
                if (subscriptions[i].Descriptor is { } descriptor && subscriptions[i].Error == Errno.Success)
                {
                    waits[i] = descriptor.WhenReady(subscriptions[i].Type == EventType.FdWrite, stop.Token);
                }
            }

            while (true)
            {
                var now = clocks.MonotonicNow();
                var ready = 0;
                for (var i = 0; i < subscriptions.Length; i++)
                {
                    if (IsReady(subscriptions[i], waits[i], now)) ready++;
                }

                if (ready > 0)
                {
                    var written = 0u;
                    for (var i = 0; i < subscriptions.Length; i++)
                    {
                        if (!IsReady(subscriptions[i], waits[i], now)) continue;
                        WriteEvent(memory, output + (written * EventSize), subscriptions[i], waits[i]);
                        written++;
                    }

                    memory.WriteUInt32(resultPointer, written);
                    return Errno.Success;
                }

                Interruption.WaitAny(Pending(subscriptions, waits, clocks, now, stop.Token), interrupt);
            }
        }
        finally
        {
            stop.Cancel();
        }
    }

    private static Errno Parse(DescriptorTable table, WasiClocks clocks, GuestMemory memory, uint at, ulong now, out Subscription subscription)
    {
        subscription = default;
        var userData = memory.ReadUInt64(at);
        var tag = memory.ReadByte(at + 8);
        switch ((EventType)tag)
        {
            case EventType.Clock:
                var clock = (ClockId)memory.ReadUInt32(at + 16);
                var timeout = memory.ReadUInt64(at + 24);
                var flags = memory.ReadUInt16(at + 40);
                if ((flags & ~SubscriptionClockAbsolute) != 0) return Errno.Inval;
                var absolute = (flags & SubscriptionClockAbsolute) != 0;
                ulong remaining;
                switch (clock)
                {
                    case ClockId.Monotonic:
                        remaining = absolute ? Subtract(timeout, now) : timeout;
                        break;
                    case ClockId.Realtime:
                        remaining = absolute ? Subtract(timeout, clocks.RealtimeNow()) : timeout;
                        break;
                    default:
                        // CPU-time clocks do not advance while the guest sleeps; Wasmtime refuses them too.
                        return Errno.Inval;
                }

                var deadline = ulong.MaxValue - now < remaining ? ulong.MaxValue : now + remaining;
                subscription = new Subscription(userData, EventType.Clock, deadline, null, Errno.Success);
                return Errno.Success;

            case EventType.FdRead or EventType.FdWrite:
                var fd = (int)memory.ReadUInt32(at + 16);
                var found = table.Lookup(fd, Rights.PollFdReadwrite, out var descriptor);
                if (found == Errno.Badf) return Errno.Badf;
                subscription = new Subscription(userData, (EventType)tag, 0, descriptor, found);
                return Errno.Success;

            default:
                return Errno.Inval;
        }
    }

    private static bool IsReady(in Subscription subscription, Task? wait, ulong now) =>
        subscription.Type == EventType.Clock ? now >= subscription.Deadline
        : subscription.Error != Errno.Success || wait is null || wait.IsCompleted;

    private static Task[] Pending(Subscription[] subscriptions, Task?[] waits, WasiClocks clocks, ulong now, CancellationToken stop)
    {
        var pending = new List<Task>();
        var earliest = ulong.MaxValue;
        for (var i = 0; i < subscriptions.Length; i++)
        {
            if (subscriptions[i].Type == EventType.Clock) earliest = Math.Min(earliest, subscriptions[i].Deadline);
            else if (waits[i] is { IsCompleted: false } wait) pending.Add(wait);
        }

        if (earliest != ulong.MaxValue)
        {
            // Round up to whole ticks so the wake-up is never before the deadline.
            var ticks = (earliest - now + 99) / 100;
            var delay = ticks >= (ulong)LongestDelay.Ticks ? LongestDelay : TimeSpan.FromTicks((long)ticks);
            pending.Add(Task.Delay(delay, clocks.Time, stop));
        }

        return [.. pending];
    }

    private static void WriteEvent(GuestMemory memory, uint at, in Subscription subscription, Task? wait)
    {
        memory.Slice(at, EventSize).Clear();
        memory.WriteUInt64(at, subscription.UserData);
        memory.WriteByte(at + 10, (byte)subscription.Type);
        if (subscription.Type == EventType.Clock) return;

        var error = subscription.Error;
        if (error == Errno.Success && wait is { IsFaulted: true }) error = SocketErrors.FromException(wait.Exception);
        memory.WriteUInt16(at + 8, (ushort)error);
        if (error == Errno.Success)
        {
            memory.WriteUInt64(at + 16, subscription.Descriptor!.ReadyBytes(subscription.Type == EventType.FdWrite));
        }
    }

    private static ulong Subtract(ulong a, ulong b) => a > b ? a - b : 0;

    private readonly record struct Subscription(ulong UserData, EventType Type, ulong Deadline, Descriptor? Descriptor, Errno Error);
}
