using EdgeWasm.Runtime.Compilation;
using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Validation;

namespace EdgeWasm.Runtime;

/// <summary>
/// A WebAssembly module decoded, validated and compiled once for an <see cref="Engine"/>. Immutable and
/// shareable across stores and threads; instantiate it with a <see cref="Linker"/>.
/// </summary>
public sealed class Module
{
    private Module(Engine engine, CompiledModule compiled)
    {
        Engine = engine;
        Compiled = compiled;
        var info = compiled.Info;
        Imports = [.. info.Imports.Select(i => new ModuleImport(i.Module, i.Name, ImportType(info, i)))];
        Exports = [.. info.Exports.Select(e => new ModuleExport(e.Name, ExportType(info, e)))];
    }

    /// <summary>The engine the module was compiled for.</summary>
    public Engine Engine { get; }

    /// <summary>The name given when loading, else the name section's module name, else null.</summary>
    public string? Name => Compiled.Name;

    /// <summary>What the module imports, in order.</summary>
    public IReadOnlyList<ModuleImport> Imports { get; }

    /// <summary>What the module exports, in order.</summary>
    public IReadOnlyList<ModuleExport> Exports { get; }

    internal CompiledModule Compiled { get; }

    /// <summary>Decodes, validates and compiles <paramref name="bytes"/>.</summary>
    /// <exception cref="Errors.WasmDecodeException">The bytes are not a well-formed module.</exception>
    /// <exception cref="Errors.WasmValidationException">The module is not valid.</exception>
    public static Module FromBytes(Engine engine, ReadOnlySpan<byte> bytes, string? name = null) => FromBytes(engine, bytes.ToArray(), name);

    /// <summary>Decodes, validates and compiles <paramref name="bytes"/> (copied, so the caller may reuse the array).</summary>
    public static Module FromBytes(Engine engine, byte[] bytes, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(bytes);
        var info = DecodeAndValidate(bytes.AsSpan().ToArray());
        return new Module(engine, ModuleCompiler.Compile(engine, info, name));
    }

    /// <summary>Loads a .wasm file; the module is named after the file.</summary>
    public static Module FromFile(Engine engine, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromBytes(engine, File.ReadAllBytes(path), Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Checks that <paramref name="bytes"/> are a valid module without compiling it; throws if not.</summary>
    /// <exception cref="Errors.WasmDecodeException">The bytes are not a well-formed module.</exception>
    /// <exception cref="Errors.WasmValidationException">The module is not valid.</exception>
    public static void Validate(Engine engine, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(engine);
        DecodeAndValidate(bytes.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => $"module {Name ?? "(unnamed)"}: {Imports.Count} imports, {Exports.Count} exports";

    private static ModuleInfo DecodeAndValidate(byte[] bytes)
    {
        var info = ModuleDecoder.Decode(bytes);
        ModuleValidator.Validate(info);
        return info;
    }

    private static ExternType ImportType(ModuleInfo info, Import import) => import.Kind switch
    {
        ExternalKind.Function => Function(info.Types[(int)import.FunctionTypeIndex]),
        ExternalKind.Table => Table(import.Table!),
        ExternalKind.Memory => Memory(import.Memory!),
        _ => Global(import.Global!),
    };

    private static ExternType ExportType(ModuleInfo info, Export export) => export.Kind switch
    {
        ExternalKind.Function => Function(info.GetFunctionType(export.Index)),
        ExternalKind.Table => Table(info.GetTableType(export.Index)),
        ExternalKind.Memory => Memory(info.GetMemoryType(export.Index)),
        _ => Global(info.GetGlobalType(export.Index)),
    };

    private static ExternType Function(FuncType type) => new(ExternKind.Function, type, null, false, 0, null);

    private static ExternType Table(Decoding.TableType type) =>
        new(ExternKind.Table, null, type.ElementType, false, type.Limits.Min, type.Limits.Max);

    private static ExternType Memory(Decoding.MemoryType type) =>
        new(ExternKind.Memory, null, null, false, type.Limits.Min, type.Limits.Max);

    private static ExternType Global(Decoding.GlobalType type) =>
        new(ExternKind.Global, null, type.ValueType, type.Mutable, 0, null);
}
