namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>
/// One command of a spec script. Which properties are set depends on <see cref="Kind"/>:
/// module commands have <see cref="FilePath"/>, <see cref="Format"/> and maybe <see cref="ModuleName"/>;
/// assert_invalid/malformed/unlinkable/uninstantiable also have <see cref="Text"/>; register has
/// <see cref="RegisterAs"/> and maybe <see cref="ModuleName"/>; actions and action asserts have
/// <see cref="Action"/>, <see cref="Expected"/> and (for traps and exhaustion) <see cref="Text"/>.
/// </summary>
public sealed record SpecCommand(SpecCommandKind Kind, int Line)
{
    /// <summary>The module's name in the script (e.g. "$M1"): the name a module command defines, or the module register refers to.</summary>
    public string? ModuleName { get; init; }

    /// <summary>Full path of the module file.</summary>
    public string? FilePath { get; init; }

    /// <summary>Binary or text module.</summary>
    public SpecModuleFormat Format { get; init; }

    /// <summary>The reference interpreter's error or trap message; match it loosely (as a prefix).</summary>
    public string? Text { get; init; }

    /// <summary>The action of action, assert_return, assert_trap and assert_exhaustion.</summary>
    public SpecAction? Action { get; init; }

    /// <summary>Expected results (types only for assert_trap, assert_exhaustion and action).</summary>
    public IReadOnlyList<SpecValue> Expected { get; init; } = [];

    /// <summary>register: the import module name to register under.</summary>
    public string? RegisterAs { get; init; }

    /// <summary>True for the commands that carry a module file.</summary>
    public bool HasModule => FilePath is not null;

    /// <summary>Reads the module file.</summary>
    public byte[] ReadModule() => File.ReadAllBytes(FilePath ?? throw new InvalidOperationException($"line {Line}: {Kind} has no module"));

    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {Kind}" + (FilePath is null ? "" : $" {Path.GetFileName(FilePath)}") + (Text is null ? "" : $" \"{Text}\"");
}
