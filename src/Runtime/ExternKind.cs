namespace EdgeWasm.Runtime;

/// <summary>What an import or export is.</summary>
public enum ExternKind
{
    /// <summary>A function.</summary>
    Function,
    /// <summary>A table.</summary>
    Table,
    /// <summary>A linear memory.</summary>
    Memory,
    /// <summary>A global.</summary>
    Global,
}
