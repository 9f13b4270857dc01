using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Validation;

/// <summary>
/// Checks every Wasm 2.0 validation rule of a decoded module: index spaces, limits, constant expressions,
/// segments, the start function, exports, and (through <see cref="FunctionValidator"/>) every function body.
/// Errors are <see cref="WasmValidationException"/>s worded as in the spec suite and naming the offset, the section
/// and, inside code, the function index (imports included). Malformed code found while reading bodies raises
/// <see cref="WasmDecodeException"/>.
/// </summary>
internal static class ModuleValidator
{
    /// <summary>Validates <paramref name="module"/>; returns normally when it is valid.</summary>
    public static void Validate(ModuleInfo module)
    {
        ArgumentNullException.ThrowIfNull(module);
        try
        {
            ValidateInOrder(module);
        }
        catch (WasmValidationException)
        {
            // Bodies are decoded while they are type-checked, so an invalid construct may be met before a malformed
            // one further on. The spec decodes the whole module first: a malformed module is reported as malformed.
            CodeScanner.Scan(module);
            throw;
        }
    }

    private static void ValidateInOrder(ModuleInfo module)
    {
        CheckImports(module);
        CheckFunctionTypes(module);
        var context = new ValidationContext(module);
        CheckGlobals(context);
        CheckTablesAndMemories(module);
        CheckElements(context);
        CheckData(context);
        var functions = new FunctionValidator(context);
        for (var i = 0; i < module.Bodies.Count; i++) functions.Validate(i);
        CheckStart(context);
        CheckExports(context);
    }

    private static void CheckImports(ModuleInfo module)
    {
        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternalKind.Function when import.FunctionTypeIndex >= (uint)module.Types.Count:
                    throw Invalid($"unknown type {import.FunctionTypeIndex} (import \"{import.Module}\" \"{import.Name}\")", import.Offset, "import");
                case ExternalKind.Table:
                    CheckTableLimits(import.Table!.Limits, import.Offset, "import");
                    break;
                case ExternalKind.Memory:
                    CheckMemoryLimits(import.Memory!.Limits, import.Offset, "import");
                    break;
                default:
                    break;
            }
        }
    }

    private static void CheckFunctionTypes(ModuleInfo module)
    {
        for (var i = 0; i < module.FunctionTypeIndices.Count; i++)
        {
            var type = module.FunctionTypeIndices[i];
            if (type >= (uint)module.Types.Count)
            {
                throw Invalid($"unknown type {type}", SectionOffset(module, SectionId.Function), "function", module.ImportedFunctionCount + i);
            }
        }
    }

    private static void CheckGlobals(ValidationContext context)
    {
        foreach (var global in context.Module.Globals) CheckConstant(context, global.Init, global.Type.ValueType, "global");
    }

    private static void CheckTablesAndMemories(ModuleInfo module)
    {
        var tableOffset = SectionOffset(module, SectionId.Table);
        foreach (var table in module.Tables) CheckTableLimits(table.Limits, tableOffset, "table");
        var memoryOffset = SectionOffset(module, SectionId.Memory);
        foreach (var memory in module.Memories) CheckMemoryLimits(memory.Limits, memoryOffset, "memory");
        if (module.TotalMemoryCount > 1)
        {
            throw Invalid($"multiple memories ({module.TotalMemoryCount}; Wasm 2.0 allows one)", memoryOffset, "memory");
        }
    }

    private static void CheckTableLimits(Limits limits, long offset, string section)
    {
        if (limits.Max is { } max && limits.Min > max)
        {
            throw Invalid($"size minimum must not be greater than maximum ({limits.Min} > {max})", offset, section);
        }
    }

    private static void CheckMemoryLimits(Limits limits, long offset, string section)
    {
        if (limits.Min > MemoryType.MaxPages || limits.Max > MemoryType.MaxPages)
        {
            throw Invalid($"memory size must be at most {MemoryType.MaxPages} pages (4GiB)", offset, section);
        }

        CheckTableLimits(limits, offset, section);
    }

    private static void CheckElements(ValidationContext context)
    {
        var module = context.Module;
        foreach (var segment in module.Elements)
        {
            if (segment.Mode == SegmentMode.Active)
            {
                if (segment.TableIndex >= (uint)context.TableTypes.Length)
                {
                    throw Invalid($"unknown table {segment.TableIndex}", segment.SectionOffset, "element");
                }

                var tableType = context.TableTypes[segment.TableIndex];
                if (tableType != segment.ElementType)
                {
                    throw Invalid($"type mismatch: segment of {ValueKinds.Name(segment.ElementType)} for a table of {ValueKinds.Name(tableType)}", segment.SectionOffset, "element");
                }

                CheckConstant(context, segment.Offset!.Value, ValueKind.I32, "element");
            }

            foreach (var item in segment.Items) CheckConstant(context, item, segment.ElementType, "element");
        }
    }

    private static void CheckData(ValidationContext context)
    {
        foreach (var segment in context.Module.Data)
        {
            if (segment.Mode != SegmentMode.Active) continue;
            if (segment.MemoryIndex >= (uint)context.MemoryCount) throw Invalid($"unknown memory {segment.MemoryIndex}", segment.SectionOffset, "data");
            CheckConstant(context, segment.Offset!.Value, ValueKind.I32, "data");
        }
    }

    /// <summary>
    /// A constant expression must be one constant instruction of the expected type. In Wasm 2.0, global.get may only
    /// name an immutable imported global (the context of constant expressions holds the imported globals only).
    /// </summary>
    private static void CheckConstant(ValidationContext context, ConstantExpression expression, ValueKind expected, string section)
    {
        var module = context.Module;
        ValueKind actual;
        switch (expression.Kind)
        {
            case ConstantKind.I32Const: actual = ValueKind.I32; break;
            case ConstantKind.I64Const: actual = ValueKind.I64; break;
            case ConstantKind.F32Const: actual = ValueKind.F32; break;
            case ConstantKind.F64Const: actual = ValueKind.F64; break;
            case ConstantKind.RefNull: actual = expression.RefType; break;
            case ConstantKind.RefFunc:
                if (expression.Index >= (uint)module.TotalFunctionCount) throw Invalid($"unknown function {expression.Index}", expression.Offset, section);
                actual = ValueKind.FuncRef;
                break;
            case ConstantKind.GlobalGet:
                if (expression.Index >= (uint)module.ImportedGlobalCount)
                {
                    throw Invalid($"unknown global {expression.Index} (constant expressions may only read imported globals)", expression.Offset, section);
                }

                var global = context.Globals[expression.Index];
                if (global.Mutable) throw Invalid($"constant expression required: global {expression.Index} is mutable", expression.Offset, section);
                actual = global.ValueType;
                break;
            case ConstantKind.NotConstant:
                var op = (Opcode)expression.Bits;
                // Only constant instructions, but not exactly one of them: the value count is wrong.
                if (op is Opcode.End or Opcode.I32Const or Opcode.I64Const or Opcode.F32Const or Opcode.F64Const
                    or Opcode.RefNull or Opcode.RefFunc or Opcode.GlobalGet)
                {
                    throw Invalid($"type mismatch: a constant expression must produce exactly one {ValueKinds.Name(expected)}", expression.Offset, section);
                }

                throw Invalid($"constant expression required: {op} is not a constant instruction", expression.Offset, section);
            default:
                throw Invalid(WasmReader.SimdNotSupported, expression.Offset, section);
        }

        if (actual != expected)
        {
            throw Invalid($"type mismatch: expected {ValueKinds.Name(expected)}, found {ValueKinds.Name(actual)}", expression.Offset, section);
        }
    }

    private static void CheckStart(ValidationContext context)
    {
        var module = context.Module;
        if (module.StartFunction is not { } start) return;
        var offset = SectionOffset(module, SectionId.Start);
        if (start >= (uint)context.FunctionTypes.Length) throw Invalid($"unknown function {start}", offset, "start");
        var type = module.Types[(int)context.FunctionTypes[start]];
        if (type.Parameters.Count != 0 || type.Results.Count != 0)
        {
            throw Invalid($"start function must have type [] -> [], function {start} has {type}", offset, "start");
        }
    }

    private static void CheckExports(ValidationContext context)
    {
        var module = context.Module;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var export in module.Exports)
        {
            var (count, what) = export.Kind switch
            {
                ExternalKind.Function => (module.TotalFunctionCount, "function"),
                ExternalKind.Table => (module.TotalTableCount, "table"),
                ExternalKind.Memory => (module.TotalMemoryCount, "memory"),
                _ => (module.TotalGlobalCount, "global"),
            };

            if (export.Index >= (uint)count) throw Invalid($"unknown {what} {export.Index}", export.Offset, "export");
            if (!names.Add(export.Name)) throw Invalid($"duplicate export name \"{export.Name}\"", export.Offset, "export");
        }
    }

    private static long SectionOffset(ModuleInfo module, SectionId section) =>
        module.SectionOffsets.TryGetValue(section, out var offset) ? offset : 0;

    private static WasmValidationException Invalid(string reason, long offset, string section, int? function = null) =>
        new(reason, offset, section, function);
}
