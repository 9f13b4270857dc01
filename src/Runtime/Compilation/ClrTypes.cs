namespace EdgeWasm.Runtime.Compilation;

/// <summary>How wasm value types appear in generated IL: i32 int, i64 long, f32 float, f64 double, references object.</summary>
internal static class ClrTypes
{
    public static Type Of(ValueKind kind) => kind switch
    {
        ValueKind.I32 => typeof(int),
        ValueKind.I64 => typeof(long),
        ValueKind.F32 => typeof(float),
        ValueKind.F64 => typeof(double),
        ValueKind.FuncRef or ValueKind.ExternRef => typeof(object),
        _ => throw new NotSupportedException($"{ValueKinds.Name(kind)} values are not supported yet"),
    };

    /// <summary>The IL return type of a function type: its first result, or void.</summary>
    public static Type ReturnType(FuncType type) => type.Results.Count == 0 ? typeof(void) : Of(type.Results[0]);

    /// <summary>The IL parameter types of a compiled function: the wasm parameters, then the context and the call depth.</summary>
    public static Type[] ParameterTypes(FuncType type)
    {
        var types = new Type[type.Parameters.Count + 2];
        for (var i = 0; i < type.Parameters.Count; i++) types[i] = Of(type.Parameters[i]);
        types[^2] = typeof(Execution.InstanceContext);
        types[^1] = typeof(int);
        return types;
    }
}
