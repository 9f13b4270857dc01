namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>Invoke an exported function (<see cref="IsInvoke"/>) or read an exported global, of the named
/// module or, when <see cref="Module"/> is null, of the current one. Field names may hold any Unicode, NUL included.</summary>
public sealed record SpecAction(bool IsInvoke, string? Module, string Field, IReadOnlyList<SpecValue> Args);
