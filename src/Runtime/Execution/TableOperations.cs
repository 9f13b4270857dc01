using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>The table instructions, called from generated code with operands in stack order.</summary>
internal static class TableOperations
{
    /// <summary>table.get.</summary>
    public static object? Get(int index, Table table)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length) Traps.Throw(TrapCode.TableOutOfBounds);
        return elements[index];
    }

    /// <summary>table.set.</summary>
    public static void Set(int index, object? value, Table table)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length) Traps.Throw(TrapCode.TableOutOfBounds);
        elements[index] = value;
    }

    /// <summary>table.grow: the old size, or -1 (a refused grow costs no extra fuel).</summary>
    public static int Grow(object? initial, int delta, Table table, ExecutionState state)
    {
        if (table.MayGrow((uint)delta)) BulkFuel.Charge(state, (uint)delta);
        return (int)table.GrowCore((uint)delta, initial);
    }

    /// <summary>table.fill.</summary>
    public static void Fill(int destination, object? value, int count, Table table, ExecutionState state)
    {
        var elements = table.Elements;
        if ((ulong)(uint)destination + (uint)count > (ulong)elements.Length) Traps.Throw(TrapCode.TableOutOfBounds);
        BulkFuel.Charge(state, (uint)count);
        Array.Fill(elements, value, destination, count);
    }

    /// <summary>table.copy (the ranges may overlap).</summary>
    public static void Copy(int destination, int source, int count, Table target, Table origin, ExecutionState state)
    {
        if ((ulong)(uint)destination + (uint)count > (ulong)target.Elements.Length
            || (ulong)(uint)source + (uint)count > (ulong)origin.Elements.Length)
        {
            Traps.Throw(TrapCode.TableOutOfBounds);
        }

        BulkFuel.Charge(state, (uint)count);
        Array.Copy(origin.Elements, source, target.Elements, destination, count);
    }

    /// <summary>table.init from element segment <paramref name="elementIndex"/>.</summary>
    public static void Init(int destination, int source, int count, InstanceContext context, int elementIndex, int tableIndex)
    {
        var items = context.Elements[elementIndex];
        var table = context.Tables[tableIndex];
        if ((ulong)(uint)source + (uint)count > (ulong)items.Length
            || (ulong)(uint)destination + (uint)count > (ulong)table.Elements.Length)
        {
            Traps.Throw(TrapCode.TableOutOfBounds);
        }

        BulkFuel.Charge(context.State, (uint)count);
        Array.Copy(items, source, table.Elements, destination, count);
    }

    /// <summary>elem.drop.</summary>
    public static void DropElement(InstanceContext context, int elementIndex) => context.Elements[elementIndex] = [];
}
