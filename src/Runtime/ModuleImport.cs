namespace EdgeWasm.Runtime;

/// <summary>An import a module needs: module name, field name and type.</summary>
public sealed record ModuleImport(string Module, string Name, ExternType Type)
{
    /// <summary>What is imported.</summary>
    public ExternKind Kind => Type.Kind;
}
