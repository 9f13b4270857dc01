using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>Whether a definition satisfies an import: same kind, same store, and a matching type, where a table
/// or memory matches when its current size is at least the import's minimum and its maximum is within the
/// import's maximum (the spec's import subtyping).</summary>
internal static class ImportCheck
{
    public static void Check(Store store, ModuleImport import, object item)
    {
        var expected = import.Type;
        var itemStore = item switch
        {
            Func f => f.Store,
            Memory m => m.Store,
            Table t => t.Store,
            Global g => g.Store,
            _ => store,
        };

        if (itemStore != store) throw Incompatible(import, "it belongs to another store");
        switch (expected.Kind)
        {
            case ExternKind.Function:
                var actual = item switch
                {
                    Func f => f.Type,
                    HostFunction h => h.Type,
                    _ => null,
                };

                if (actual is null) throw Incompatible(import, $"a {Describe(item)} is defined there");
                if (!actual.Equals(expected.Function)) throw Incompatible(import, $"the function has type {actual}");
                break;
            case ExternKind.Table:
                if (item is not Table table) throw Incompatible(import, $"a {Describe(item)} is defined there");
                if (table.ElementKind != expected.ValueType) throw Incompatible(import, $"the table holds {ValueKinds.Name(table.ElementKind)}");
                CheckLimits(import, table.Size, table.Maximum, "table");
                break;
            case ExternKind.Memory:
                if (item is not Memory memory) throw Incompatible(import, $"a {Describe(item)} is defined there");
                CheckLimits(import, memory.Pages, memory.Maximum, "memory");
                break;
            case ExternKind.Global:
                if (item is not Global global) throw Incompatible(import, $"a {Describe(item)} is defined there");
                if (global.Kind != expected.ValueType || global.Mutable != expected.Mutable)
                {
                    throw Incompatible(import, $"the global is {(global.Mutable ? "mut " : "")}{ValueKinds.Name(global.Kind)}");
                }

                break;
        }
    }

    private static void CheckLimits(ModuleImport import, uint size, uint? maximum, string what)
    {
        if (size < import.Type.Minimum) throw Incompatible(import, $"the {what} has size {size}, below the minimum {import.Type.Minimum}");
        if (import.Type.Maximum is { } max && (maximum is not { } actualMax || actualMax > max))
        {
            throw Incompatible(import, $"the {what}'s maximum {(maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)")} exceeds {max}");
        }
    }

    private static string Describe(object item) => item switch
    {
        Func or HostFunction => "function",
        Memory => "memory",
        Table => "table",
        Global => "global",
        _ => item.GetType().Name,
    };

    private static WasmLinkException Incompatible(ModuleImport import, string why) =>
        new($"incompatible import type for {import.Module}.{import.Name}: expected {import.Type}, but {why}", import.Module, import.Name);
}
