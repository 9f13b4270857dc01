using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Wasi;
using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Tests.Wasi;

/// <summary>sock_* against a real listening socket on a free loopback port, with real TCP clients.</summary>
public sealed class SocketTests : IDisposable
{
    private const int Listener = 3;
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly GuestHarness _guest;

    public SocketTests()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _guest = new GuestHarness(new WasiConfiguration().WithTcpListener(_listener));
    }

    private IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndPoint!;

    [Fact]
    public async Task AcceptRecvSendShutdown_TalkToARealClient()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Endpoint, TestContextToken);
        var connection = Accept();

        await client.GetStream().WriteAsync("ping"u8.ToArray(), TestContextToken);
        var (error, text) = Receive(connection, 16, flags: 0);
        Assert.Equal((Errno.Success, "ping"), (error, text));

        Assert.Equal(Errno.Success, Send(connection, "pong"));
        var buffer = new byte[4];
        await client.GetStream().ReadExactlyAsync(buffer, TestContextToken);
        Assert.Equal("pong", Encoding.ASCII.GetString(buffer));

        Assert.Equal(Errno.Success, _guest.Call("sock_shutdown", connection, 2));
        Assert.Equal(0, await client.GetStream().ReadAsync(buffer, TestContextToken));

        var stat = _guest.Alloc(24);
        _guest.Call("fd_fdstat_get", connection, stat);
        Assert.Equal((byte)FileType.SocketStream, _guest.Memory[stat]);
    }

    [Fact]
    public async Task Peek_LeavesDataQueuedAndWaitAllFillsTheBuffer()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Endpoint, TestContextToken);
        var connection = Accept();
        await client.GetStream().WriteAsync("abc"u8.ToArray(), TestContextToken);
        Assert.Equal((Errno.Success, "ab"), Receive(connection, 2, flags: 1));
        Assert.Equal((Errno.Success, "abc"), Receive(connection, 3, flags: 0));

        var waitAll = Task.Run(() => Receive(connection, 6, flags: 2));
        await client.GetStream().WriteAsync("123"u8.ToArray(), TestContextToken);
        await Task.Delay(50, TestContextToken);
        await client.GetStream().WriteAsync("456"u8.ToArray(), TestContextToken);
        Assert.Equal((Errno.Success, "123456"), await waitAll);
    }

    [Fact]
    public async Task FdReadAndFdWrite_WorkOnConnections()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Endpoint, TestContextToken);
        var connection = Accept();
        await client.GetStream().WriteAsync("via fd_read"u8.ToArray(), TestContextToken);
        Assert.Equal((Errno.Success, "via fd_read"), _guest.Read(connection));
        Assert.Equal((Errno.Success, 3u), _guest.Write(connection, "ok!"));
        var buffer = new byte[3];
        await client.GetStream().ReadExactlyAsync(buffer, TestContextToken);
        client.Close();
        Assert.Equal((Errno.Success, ""), _guest.Read(connection));
    }

    [Fact]
    public void NonBlockingListenerWithNoClient_IsEagain()
    {
        Assert.Equal(Errno.Success, _guest.Call("fd_fdstat_set_flags", Listener, (long)FdFlags.NonBlock));
        var result = _guest.Alloc(4);
        Assert.Equal(Errno.Again, _guest.Call("sock_accept", Listener, 0, result));
    }

    [Fact]
    public async Task NonBlockingConnectionWithNoData_IsEagain()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Endpoint, TestContextToken);
        var result = _guest.Alloc(4);
        Assert.Equal(Errno.Success, _guest.Call("sock_accept", Listener, (long)FdFlags.NonBlock, result));
        var connection = (int)_guest.ReadU32(result);
        Assert.Equal(Errno.Again, Receive(connection, 4, 0).Error);
    }

    [Fact]
    public async Task Poll_ReportsAPendingConnectionOnTheListener()
    {
        var input = _guest.Alloc(48);
        _guest.WriteU64(input, 99);
        _guest.Memory[input + 8] = (byte)EventType.FdRead;
        _guest.WriteU32(input + 16, Listener);
        var (output, count) = (_guest.Alloc(32), _guest.Alloc(4));
        var poll = Task.Run(() => _guest.Call("poll_oneoff", input, output, 1, count));
        Assert.NotSame(poll, await Task.WhenAny(poll, Task.Delay(100, TestContextToken)));
        using var client = new TcpClient();
        await client.ConnectAsync(Endpoint, TestContextToken);
        Assert.Equal(Errno.Success, await poll.WaitAsync(TimeSpan.FromSeconds(10), TestContextToken));
        Assert.Equal(99UL, _guest.ReadU64(output));
        Accept();
    }

    [Fact]
    public void BlockingAccept_IsStoppedByTheInterrupt()
    {
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        _guest.Interrupt = interrupt.Token;
        var result = _guest.Alloc(4);
        var trap = Assert.Throws<WasmTrapException>(() => _guest.Call("sock_accept", Listener, 0, result));
        Assert.Equal(TrapCode.Interrupted, trap.Code);
    }

    [Fact]
    public void SocketCalls_OnTheWrongKindOfDescriptor()
    {
        var result = _guest.Alloc(8);
        var vecs = _guest.IoVecs((result, 4));
        Assert.Equal(Errno.NotSock, _guest.Call("sock_accept", 1, 0, result));
        Assert.Equal(Errno.NotSock, _guest.Call("sock_recv", 0, vecs, 1, 0, result, result + 4));
        Assert.Equal(Errno.NotConn, _guest.Call("sock_send", Listener, vecs, 1, 0, result));
        Assert.Equal(Errno.NotConn, _guest.Call("sock_shutdown", Listener, 3));
        Assert.Equal(Errno.Badf, _guest.Call("sock_shutdown", 42, 3));
        Assert.Equal(Errno.Inval, _guest.Call("sock_accept", Listener, 1, result));
    }

    [Fact]
    public async Task BadFlags_AreEinval()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Endpoint, TestContextToken);
        var connection = Accept();
        var result = _guest.Alloc(8);
        var vecs = _guest.IoVecs((result, 4));
        Assert.Equal(Errno.Inval, _guest.Call("sock_shutdown", connection, 0));
        Assert.Equal(Errno.Inval, _guest.Call("sock_shutdown", connection, 4));
        Assert.Equal(Errno.Inval, _guest.Call("sock_send", connection, vecs, 1, 1, result));
        Assert.Equal(Errno.Inval, _guest.Call("sock_recv", connection, vecs, 1, 4, result, result + 4));
    }

    private static CancellationToken TestContextToken => CancellationToken.None;

    private int Accept()
    {
        var result = _guest.Alloc(4);
        Assert.Equal(Errno.Success, _guest.Call("sock_accept", Listener, 0, result));
        var fd = (int)_guest.ReadU32(result);
        Assert.True(fd > Listener);
        return fd;
    }

    private (Errno Error, string Text) Receive(int fd, int size, int flags)
    {
        var buffer = _guest.Alloc(size);
        var vecs = _guest.IoVecs((buffer, (uint)size));
        var result = _guest.Alloc(8);
        var error = _guest.Call("sock_recv", fd, vecs, 1, flags, result, result + 4);
        return (error, error == Errno.Success ? _guest.ReadText(buffer, (int)_guest.ReadU32(result)) : "");
    }

    private Errno Send(int fd, string text)
    {
        var (p, l) = _guest.Text(text);
        var vecs = _guest.IoVecs(((uint)p, (uint)l));
        var result = _guest.Alloc(4);
        var error = _guest.Call("sock_send", fd, vecs, 1, 0, result);
        if (error == Errno.Success) Assert.Equal((uint)l, _guest.ReadU32(result));
        return error;
    }

    public void Dispose()
    {
        _guest.Dispose();
        _listener.Dispose();
    }
}
