namespace EdgeWasm.Runtime;

/// <summary>An export a module offers: name and type.</summary>
public sealed record ModuleExport(string Name, ExternType Type)
{
    /// <summary>What is exported.</summary>
    public ExternKind Kind => Type.Kind;
}
