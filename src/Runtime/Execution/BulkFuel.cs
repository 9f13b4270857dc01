using System.Runtime.CompilerServices;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// The extra cost of bulk operations (memory.fill/copy/init, table.fill/copy/init/grow): besides the 1 unit
/// every instruction costs, 1 unit per started <see cref="UnitBytes"/> bytes or elements, so that a loop of
/// large copies cannot run nearly for free. Long operations also check for interruption between chunks.
/// </summary>
internal static class BulkFuel
{
    /// <summary>Bytes (or table elements) per extra unit of fuel.</summary>
    public const int UnitBytes = 1024;

    /// <summary>How much is done between two interruption checks.</summary>
    public const int ChunkBytes = 16 * 1024 * 1024;

    /// <summary>Charges the extra cost of moving <paramref name="count"/> bytes or elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Charge(ExecutionState state, uint count)
    {
        if (!state.MeteringFuel || count < UnitBytes) return;
        ChargeSlow(state, count / UnitBytes);
    }

    /// <summary>Traps if the store was interrupted (called between chunks of long operations).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckInterrupt(ExecutionState state)
    {
        if (Volatile.Read(ref state.Interrupted) != 0) Traps.Throw(TrapCode.Interrupted);
    }

    private static void ChargeSlow(ExecutionState state, long units)
    {
        if (state.Fuel < units) FuelRefill.Ensure(state, units, -1);
        state.Fuel -= units;
    }
}
