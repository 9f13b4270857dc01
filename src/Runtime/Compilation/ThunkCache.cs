using System.Reflection.Emit;
using EdgeWasm.Runtime.Execution;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>
/// The per-signature glue of an engine, generated once per function type:
/// <list type="bullet">
/// <item>the host thunk, a function with the compiled-code signature that moves its arguments into the store's
/// scratch values and calls <see cref="HostCalls.Invoke"/> (so guest code calls host functions like any other
/// function, with calli);</item>
/// <item>the entry thunk <c>void (Func, Value[] args, Value[] results, int depth)</c> that the host uses to call
/// any function of that type.</item>
/// </list>
/// </summary>
internal sealed class ThunkCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<FuncType, Thunks> _thunks = [];
    private readonly List<Type> _types = [];
    private ModuleBuilder? _module;

    public Thunks Get(FuncType type)
    {
        lock (_gate)
        {
            if (_thunks.TryGetValue(type, out var found)) return found;
            _module ??= DynamicCode.DefineModule("Thunks");
            var builder = _module.DefineType($"Signature{_thunks.Count}", DynamicCode.StaticClass);
            EmitHostThunk(builder.DefineMethod("Host", DynamicCode.StaticMethod, ClrTypes.ReturnType(type), ClrTypes.ParameterTypes(type)), type);
            EmitEntryThunk(
                builder.DefineMethod("Entry", DynamicCode.StaticMethod, typeof(void), [typeof(Func), typeof(Value[]), typeof(Value[]), typeof(int)]),
                type);
            var created = builder.CreateType();
            // Keeping the type referenced keeps the collectible assembly (and so the code pointers) alive.
            _types.Add(created);
            var thunks = new Thunks(
                created.GetMethod("Host")!.MethodHandle.GetFunctionPointer(),
                created.GetMethod("Entry")!.MethodHandle.GetFunctionPointer());
            _thunks.Add(type, thunks);
            return thunks;
        }
    }

    private static void EmitHostThunk(MethodBuilder method, FuncType type)
    {
        var il = method.GetILGenerator();
        var parameterCount = type.Parameters.Count;
        var contextArg = parameterCount;
        var depthArg = parameterCount + 1;
        var state = il.DeclareLocal(typeof(ExecutionState));
        var frame = il.DeclareLocal(typeof(int));
        var values = il.DeclareLocal(typeof(Value[]));

        DynamicCode.LoadArg(il, contextArg);
        il.Emit(OpCodes.Ldfld, Members.ContextState);
        il.Emit(OpCodes.Stloc, state);
        il.Emit(OpCodes.Ldloc, state);
        DynamicCode.LoadInt(il, parameterCount + type.Results.Count);
        il.Emit(OpCodes.Call, Members.StateReserveValues);
        il.Emit(OpCodes.Stloc, frame);
        il.Emit(OpCodes.Ldloc, state);
        il.Emit(OpCodes.Ldfld, Members.StateValues);
        il.Emit(OpCodes.Stloc, values);
        for (var i = 0; i < parameterCount; i++)
        {
            il.Emit(OpCodes.Ldloc, values);
            il.Emit(OpCodes.Ldloc, frame);
            DynamicCode.LoadInt(il, i);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            DynamicCode.LoadArg(il, i);
            il.Emit(OpCodes.Call, Members.ValueFactory(type.Parameters[i]));
            il.Emit(OpCodes.Stobj, typeof(Value));
        }

        DynamicCode.LoadArg(il, contextArg);
        DynamicCode.LoadArg(il, depthArg);
        il.Emit(OpCodes.Ldloc, frame);
        il.Emit(OpCodes.Call, Members.HostInvoke);
        if (type.Results.Count > 0)
        {
            // The scratch array may have been replaced by a re-entrant call: read it again.
            il.Emit(OpCodes.Ldloc, state);
            il.Emit(OpCodes.Ldfld, Members.StateValues);
            il.Emit(OpCodes.Ldloc, frame);
            DynamicCode.LoadInt(il, parameterCount);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            il.Emit(OpCodes.Call, Members.ValueGetter(type.Results[0]));
        }

        il.Emit(OpCodes.Ldloc, state);
        il.Emit(OpCodes.Ldloc, frame);
        il.Emit(OpCodes.Stfld, Members.StateValueTop);
        il.Emit(OpCodes.Ret);
    }

    private static void EmitEntryThunk(MethodBuilder method, FuncType type)
    {
        var il = method.GetILGenerator();
        for (var i = 0; i < type.Parameters.Count; i++)
        {
            il.Emit(OpCodes.Ldarg_1);
            DynamicCode.LoadInt(il, i);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            il.Emit(OpCodes.Call, Members.ValueGetter(type.Parameters[i]));
        }

        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, Members.FuncContext);
        il.Emit(OpCodes.Ldarg_3);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, Members.FuncCode);
        il.EmitCalli(OpCodes.Calli, System.Reflection.CallingConventions.Standard, ClrTypes.ReturnType(type), ClrTypes.ParameterTypes(type), null);
        if (type.Results.Count > 0)
        {
            var result = il.DeclareLocal(ClrTypes.Of(type.Results[0]));
            il.Emit(OpCodes.Stloc, result);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            il.Emit(OpCodes.Ldloc, result);
            il.Emit(OpCodes.Call, Members.ValueFactory(type.Results[0]));
            il.Emit(OpCodes.Stobj, typeof(Value));
        }

        il.Emit(OpCodes.Ret);
    }

    /// <summary>The code pointers of one signature's thunks.</summary>
    internal readonly record struct Thunks(nint Host, nint Entry);
}
