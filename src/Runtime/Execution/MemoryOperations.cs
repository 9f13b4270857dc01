using System.Runtime.InteropServices;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>The bulk memory instructions and memory.grow, called from generated code with operands in stack order.</summary>
internal static unsafe class MemoryOperations
{
    /// <summary>memory.grow: the old size in pages, or -1.</summary>
    public static int Grow(int deltaPages, InstanceContext context) => (int)context.Memory!.Grow((uint)deltaPages);

    /// <summary>memory.fill.</summary>
    public static void Fill(int destination, int value, int count, InstanceContext context)
    {
        var memory = context.Memory!;
        if ((ulong)(uint)destination + (uint)count > (ulong)memory.ByteLength) Traps.Throw(TrapCode.MemoryOutOfBounds);
        var state = context.State;
        BulkFuel.Charge(state, (uint)count);
        var at = (byte*)memory.Base + (uint)destination;
        for (var left = (long)(uint)count; left > 0;)
        {
            var chunk = (int)Math.Min(left, BulkFuel.ChunkBytes);
            NativeMemory.Fill(at, (nuint)chunk, (byte)value);
            at += chunk;
            left -= chunk;
            if (left > 0) BulkFuel.CheckInterrupt(state);
        }
    }

    /// <summary>memory.copy (the ranges may overlap).</summary>
    public static void Copy(int destination, int source, int count, InstanceContext context)
    {
        var memory = context.Memory!;
        var length = (ulong)memory.ByteLength;
        if ((ulong)(uint)destination + (uint)count > length || (ulong)(uint)source + (uint)count > length)
        {
            Traps.Throw(TrapCode.MemoryOutOfBounds);
        }

        var state = context.State;
        BulkFuel.Charge(state, (uint)count);
        var basePointer = (byte*)memory.Base;
        var total = (long)(uint)count;
        if (total <= BulkFuel.ChunkBytes)
        {
            Buffer.MemoryCopy(basePointer + (uint)source, basePointer + (uint)destination, total, total);
            return;
        }

        // Chunked so interruption stays prompt; chunk order keeps overlapping copies correct.
        var forward = (uint)destination <= (uint)source;
        for (long done = 0; done < total;)
        {
            var chunk = Math.Min(total - done, BulkFuel.ChunkBytes);
            var offset = forward ? done : total - done - chunk;
            Buffer.MemoryCopy(basePointer + (uint)source + offset, basePointer + (uint)destination + offset, chunk, chunk);
            done += chunk;
            if (done < total) BulkFuel.CheckInterrupt(state);
        }
    }

    /// <summary>memory.init from data segment <paramref name="dataIndex"/>.</summary>
    public static void Init(int destination, int source, int count, InstanceContext context, int dataIndex)
    {
        var memory = context.Memory!;
        var data = context.Data[dataIndex].Span;
        if ((ulong)(uint)source + (uint)count > (ulong)data.Length
            || (ulong)(uint)destination + (uint)count > (ulong)memory.ByteLength)
        {
            Traps.Throw(TrapCode.MemoryOutOfBounds);
        }

        BulkFuel.Charge(context.State, (uint)count);
        data.Slice(source, count).CopyTo(new Span<byte>((byte*)memory.Base + (uint)destination, count));
    }

    /// <summary>data.drop.</summary>
    public static void DropData(InstanceContext context, int dataIndex) => context.Data[dataIndex] = ReadOnlyMemory<byte>.Empty;
}
