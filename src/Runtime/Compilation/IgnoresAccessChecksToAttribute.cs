// The runtime honours this attribute by name on a dynamic assembly: applied to the assemblies we emit, it lets
// generated IL use EdgeWasm.Runtime's internal fields and methods directly. It has to live in this namespace.
#pragma warning disable IDE0130 // Namespace does not match folder structure
namespace System.Runtime.CompilerServices;
#pragma warning restore IDE0130

/// <summary>Lets an emitted assembly access the internals of the named assembly.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute(string assemblyName) : Attribute
{
    /// <summary>The assembly whose internals are accessible.</summary>
    public string AssemblyName { get; } = assemblyName;
}
