using System.Buffers.Binary;
using System.Text;
using EdgeWasm.Runtime.Wasi;
using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Calls;

namespace EdgeWasm.Runtime.Tests.Wasi;

/// <summary>
/// Drives the engine-neutral WASI core the way a guest would: a byte array stands in for linear memory, values are
/// laid out at the witx offsets, and calls go through the same import table the engine binding uses.
/// </summary>
internal sealed class GuestHarness : IDisposable
{
    public const int FirstPreopen = 3;

    private uint _next = 256;

    public GuestHarness(WasiConfiguration configuration, int memorySize = 1 << 20)
    {
        Memory = new byte[memorySize];
        Context = configuration.Build();
    }

    public byte[] Memory { get; }

    public WasiContext Context { get; }

    public CancellationToken Interrupt { get; set; }

    public Errno Call(string name, params long[] arguments)
    {
        var import = WasiImports.Find(name) ?? throw new ArgumentException($"no WASI import {name}", nameof(name));
        Assert.Equal(import.Type.Parameters.Count, arguments.Length);
        return (Errno)Context.Invoke(import, Memory, arguments, Interrupt);
    }

    /// <summary>Reserves <paramref name="size"/> zeroed bytes, 8-aligned.</summary>
    public uint Alloc(int size)
    {
        var at = (_next + 7) & ~7u;
        _next = at + (uint)size;
        if (_next > Memory.Length) throw new InvalidOperationException("harness memory exhausted");
        Memory.AsSpan((int)at, size).Clear();
        return at;
    }

    /// <summary>Places UTF-8 text (no NUL) and returns pointer and length.</summary>
    public (long Pointer, long Length) Text(string text) => Bytes(Encoding.UTF8.GetBytes(text));

    public (long Pointer, long Length) Bytes(byte[] bytes)
    {
        var at = Alloc(Math.Max(1, bytes.Length));
        bytes.CopyTo(Memory, (int)at);
        return (at, bytes.Length);
    }

    /// <summary>Builds an iovec array over the given buffers.</summary>
    public uint IoVecs(params (uint Pointer, uint Length)[] buffers)
    {
        var at = Alloc(8 * buffers.Length);
        for (var i = 0; i < buffers.Length; i++)
        {
            WriteU32(at + (uint)(8 * i), buffers[i].Pointer);
            WriteU32(at + (uint)(8 * i) + 4, buffers[i].Length);
        }

        return at;
    }

    public uint ReadU32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(Memory.AsSpan((int)at));

    public ulong ReadU64(long at) => BinaryPrimitives.ReadUInt64LittleEndian(Memory.AsSpan((int)at));

    public ushort ReadU16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(Memory.AsSpan((int)at));

    public void WriteU32(long at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Memory.AsSpan((int)at), value);

    public void WriteU64(long at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Memory.AsSpan((int)at), value);

    public void WriteU16(long at, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Memory.AsSpan((int)at), value);

    public string ReadText(long at, int length) => Encoding.UTF8.GetString(Memory, (int)at, length);

    /// <summary>path_open with wasi-libc's usual arguments; returns the errno and the new fd.</summary>
    public (Errno Error, int Fd) TryOpen(int directory, string path, OFlags oflags = OFlags.None, Rights rights = RightSets.RegularFile | Rights.FdReaddir,
        FdFlags fdflags = FdFlags.None, LookupFlags lookup = LookupFlags.SymlinkFollow)
    {
        var (p, l) = Text(path);
        var result = Alloc(4);
        WriteU32(result, 0xdeadbeef);
        var error = Call("path_open", directory, (long)lookup, p, l, (long)oflags, (long)rights, (long)RightSets.DirectoryInheriting, (long)fdflags, result);
        return (error, error == Errno.Success ? (int)ReadU32(result) : -1);
    }

    public int Open(int directory, string path, OFlags oflags = OFlags.None, Rights rights = RightSets.RegularFile | Rights.FdReaddir,
        FdFlags fdflags = FdFlags.None, LookupFlags lookup = LookupFlags.SymlinkFollow)
    {
        var (error, fd) = TryOpen(directory, path, oflags, rights, fdflags, lookup);
        Assert.Equal(Errno.Success, error);
        return fd;
    }

    /// <summary>fd_write of <paramref name="text"/>; returns errno and bytes written.</summary>
    public (Errno Error, uint Written) Write(int fd, string text)
    {
        var (p, l) = Text(text);
        var vecs = IoVecs(((uint)p, (uint)l));
        var result = Alloc(4);
        var error = Call("fd_write", fd, vecs, 1, result);
        return (error, ReadU32(result));
    }

    /// <summary>fd_read of up to <paramref name="max"/> bytes; returns errno and the text read.</summary>
    public (Errno Error, string Text) Read(int fd, int max = 4096)
    {
        var buffer = Alloc(max);
        var vecs = IoVecs((buffer, (uint)max));
        var result = Alloc(4);
        var error = Call("fd_read", fd, vecs, 1, result);
        return (error, error == Errno.Success ? ReadText(buffer, (int)ReadU32(result)) : "");
    }

    public Errno Path(string call, int fd, string path)
    {
        var (p, l) = Text(path);
        return Call(call, fd, p, l);
    }

    /// <summary>path_filestat_get; returns errno and the filestat fields that tests look at.</summary>
    public (Errno Error, FileType Type, ulong Size, ulong Inode) Stat(int fd, string path, LookupFlags lookup = LookupFlags.None)
    {
        var (p, l) = Text(path);
        var result = Alloc(64);
        var error = Call("path_filestat_get", fd, (long)lookup, p, l, result);
        return (error, (FileType)Memory[result + 16], ReadU64(result + 32), ReadU64(result + 8));
    }

    public void Dispose() => Context.Dispose();
}
