namespace EdgeWasm.Runtime;

/// <summary>
/// The type of an import or export. <see cref="Function"/> is set for functions; <see cref="ValueType"/> is a
/// global's value type or a table's element type; <see cref="Mutable"/> applies to globals; <see cref="Minimum"/>
/// and <see cref="Maximum"/> are a table's elements or a memory's pages.
/// </summary>
public sealed record ExternType(ExternKind Kind, FuncType? Function, ValueKind? ValueType, bool Mutable, uint Minimum, uint? Maximum)
{
    /// <summary>The type in wasm text style, e.g. <c>func [i32] -> [i32]</c> or <c>memory 1 2</c>.</summary>
    public override string ToString() => Kind switch
    {
        ExternKind.Function => $"func {Function}",
        ExternKind.Global => $"global {(Mutable ? "mut " : "")}{ValueKinds.Name(ValueType!.Value)}",
        ExternKind.Table => $"table {Minimum}{(Maximum is { } t ? $" {t}" : "")} {ValueKinds.Name(ValueType!.Value)}",
        _ => $"memory {Minimum}{(Maximum is { } m ? $" {m}" : "")}",
    };
}
