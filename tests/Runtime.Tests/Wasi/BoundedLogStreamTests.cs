using System.Text;
using EdgeWasm.Runtime.Wasi;

namespace EdgeWasm.Runtime.Tests.Wasi;

public sealed class BoundedLogStreamTests
{
    [Fact]
    public void KeepsEverythingUntilFull()
    {
        using var log = new BoundedLogStream(16);
        log.Write("hello "u8);
        log.Write("world"u8);
        Assert.Equal("hello world", Encoding.ASCII.GetString(log.ToArray()));
        Assert.Equal(0, log.Dropped);
    }

    [Fact]
    public void WrapsAndKeepsTheNewestBytes()
    {
        using var log = new BoundedLogStream(8);
        log.Write("0123456"u8);
        log.Write("789ab"u8);
        Assert.Equal("456789ab", Encoding.ASCII.GetString(log.ToArray()));
        log.Write("a write longer than the ring"u8);
        Assert.Equal("the ring", Encoding.ASCII.GetString(log.ToArray()));
        Assert.Equal(12 + 28, log.TotalWritten);
        Assert.Equal(32, log.Dropped);
    }

    [Fact]
    public void ReadAt_FollowsAlongAndSkipsWhatWasOverwritten()
    {
        using var log = new BoundedLogStream(8);
        log.Write("abcdef"u8);
        var buffer = new byte[4];
        Assert.Equal(4, log.ReadAt(0, buffer, out var next));
        Assert.Equal("abcd", Encoding.ASCII.GetString(buffer));
        Assert.Equal(4, next);
        log.Write("ghijklmn"u8);
        Assert.Equal(4, log.ReadAt(next, buffer, out var after));
        Assert.Equal("ghij", Encoding.ASCII.GetString(buffer));
        Assert.Equal(10, after);
        Assert.Equal(0, log.ReadAt(14, buffer, out var end));
        Assert.Equal(14, end);
    }

    [Fact]
    public async Task WaitForData_WakesOnWriteAndOnComplete()
    {
        using var log = new BoundedLogStream(8);
        var waiting = log.WaitForDataAsync(0, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        log.Write("x"u8);
        await waiting;

        var second = log.WaitForDataAsync(1, CancellationToken.None);
        Assert.False(second.IsCompleted);
        log.Complete();
        await second;
        Assert.True(log.IsCompleted);
        Assert.Throws<ObjectDisposedException>(() => log.Write("late"u8));
    }

    [Fact]
    public void RejectsANonPositiveCapacity() => Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedLogStream(0));
}
