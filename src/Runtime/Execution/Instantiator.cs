using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// Instantiation as Wasm 2.0 defines it, once imports are resolved: allocate functions, tables, memories and
/// globals (the store's limits apply), evaluate element items, then apply the active element segments and the
/// active data segments in order (a segment that does not fit traps; the ones before it stay applied), and
/// finally run the start function.
/// </summary>
internal static class Instantiator
{
    public static Instance Instantiate(Store store, Module module, object[] imports)
    {
        var compiled = module.Compiled;
        var info = compiled.Info;
        var engine = store.Engine;
        store.AddInstance();
        var context = new Execution.InstanceContext(store.State, compiled);
        var exports = new Dictionary<string, object>(StringComparer.Ordinal);
        var instance = new Instance(module, context, exports);
        context.Instance = instance;

        var functions = new List<Func>(info.TotalFunctionCount);
        var tables = new List<Table>(info.TotalTableCount);
        var globals = new List<Global>(info.TotalGlobalCount);
        for (var i = 0; i < imports.Length; i++)
        {
            switch (imports[i])
            {
                case HostFunction host: functions.Add(HostBinding.Bind(store, host, instance)); break;
                case Func function: functions.Add(function); break;
                case Table table: tables.Add(table); break;
                case Memory memory: context.Memory = memory; break;
                case Global global: globals.Add(global); break;
            }
        }

        for (var i = 0; i < info.FunctionTypeIndices.Count; i++)
        {
            var typeIndex = (int)info.FunctionTypeIndices[i];
            var type = info.Types[typeIndex];
            functions.Add(new Func(type, compiled.TypeIds[typeIndex], compiled.Code[i], engine.Thunks.Get(type).Entry, context, info.ImportedFunctionCount + i));
        }

        context.Functions = [.. functions];
        foreach (var table in info.Tables) tables.Add(new Table(store, table.ElementType, table.Limits.Min, table.Limits.Max));
        context.Tables = [.. tables];
        foreach (var memory in info.Memories) context.Memory = new Memory(store, memory.Limits.Min, memory.Limits.Max);

        // Global initialisers may read imported globals (and, by now, earlier defined ones) and refer to functions.
        foreach (var global in info.Globals)
        {
            context.Globals = [.. globals];
            globals.Add(new Global(store, global.Type.ValueType, Evaluate(global.Init, context), global.Type.Mutable));
        }

        context.Globals = [.. globals];
        store.State.EnsureSpillCapacity(info.Types.Count == 0 ? 1 : info.Types.Max(t => t.Results.Count));

        context.Elements = [.. info.Elements.Select(segment => segment.Items.Select(item => Evaluate(item, context).Reference).ToArray())];
        context.Data = [.. info.Data.Select(segment => segment.Data)];

        foreach (var export in info.Exports)
        {
            exports[export.Name] = export.Kind switch
            {
                ExternalKind.Function => context.Functions[export.Index],
                ExternalKind.Table => context.Tables[export.Index],
                ExternalKind.Memory => context.Memory!,
                _ => context.Globals[export.Index],
            };
        }

        for (var i = 0; i < info.Elements.Count; i++)
        {
            var segment = info.Elements[i];
            if (segment.Mode == SegmentMode.Active) InitializeTable(context, segment, i);
            if (segment.Mode != SegmentMode.Passive) context.Elements[i] = [];
        }

        for (var i = 0; i < info.Data.Count; i++)
        {
            var segment = info.Data[i];
            if (segment.Mode != SegmentMode.Active) continue;
            InitializeMemory(context, segment, i);
            context.Data[i] = ReadOnlyMemory<byte>.Empty;
        }

        if (info.StartFunction is { } start) GuestCalls.Call(context.Functions[start], [], []);
        return instance;
    }

    /// <summary>The value of a constant expression in this instance.</summary>
    private static Value Evaluate(ConstantExpression expression, Execution.InstanceContext context) => expression.Kind switch
    {
        ConstantKind.I32Const => Value.FromInt32((int)(uint)expression.Bits),
        ConstantKind.I64Const => Value.FromInt64((long)expression.Bits),
        ConstantKind.F32Const => Value.FromSingleBits((uint)expression.Bits),
        ConstantKind.F64Const => Value.FromDoubleBits(expression.Bits),
        ConstantKind.RefNull => Value.Null(expression.RefType),
        ConstantKind.RefFunc => Value.FromFuncRef(context.Functions[expression.Index]),
        ConstantKind.GlobalGet => context.Globals[expression.Index].Value,
        _ => throw new WasmValidationException("constant expression required", expression.Offset),
    };

    private static void InitializeTable(Execution.InstanceContext context, ElementSegment segment, int index)
    {
        var offset = (uint)Evaluate(segment.Offset!.Value, context).AsInt32();
        var items = context.Elements[index];
        var table = context.Tables[segment.TableIndex];
        if ((ulong)offset + (ulong)items.Length > (ulong)table.Elements.Length)
        {
            throw new WasmTrapException(TrapCode.TableOutOfBounds, $"element segment {index} does not fit: {Traps.Message(TrapCode.TableOutOfBounds)}");
        }

        Array.Copy(items, 0, table.Elements, offset, items.Length);
    }

    private static void InitializeMemory(Execution.InstanceContext context, DataSegment segment, int index)
    {
        var offset = (uint)Evaluate(segment.Offset!.Value, context).AsInt32();
        var memory = context.Memory!;
        var data = segment.Data.Span;
        if ((ulong)offset + (ulong)data.Length > (ulong)memory.ByteLength)
        {
            throw new WasmTrapException(TrapCode.MemoryOutOfBounds, $"data segment {index} does not fit: {Traps.Message(TrapCode.MemoryOutOfBounds)}");
        }

        data.CopyTo(memory.GetSpan(offset, data.Length));
    }
}
