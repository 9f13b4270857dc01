using System.Runtime.CompilerServices;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// The .NET types of typed functions and host callbacks: int is i32, long i64, float f32, double f64,
/// <see cref="Func"/> funcref and object externref. Conversions are resolved per type by the JIT.
/// </summary>
internal static class TypedValues
{
    public static ValueKind KindOf(Type type) =>
        type == typeof(int) ? ValueKind.I32
        : type == typeof(long) ? ValueKind.I64
        : type == typeof(float) ? ValueKind.F32
        : type == typeof(double) ? ValueKind.F64
        : type == typeof(Func) ? ValueKind.FuncRef
        : type == typeof(object) ? ValueKind.ExternRef
        : throw new NotSupportedException($"{type} is not a wasm type; use int, long, float, double, Func or object");

    public static Value ToValue<T>(T value)
    {
        if (typeof(T) == typeof(int)) return Value.FromInt32(Unsafe.As<T, int>(ref value));
        if (typeof(T) == typeof(long)) return Value.FromInt64(Unsafe.As<T, long>(ref value));
        if (typeof(T) == typeof(float)) return Value.FromSingle(Unsafe.As<T, float>(ref value));
        if (typeof(T) == typeof(double)) return Value.FromDouble(Unsafe.As<T, double>(ref value));
        if (typeof(T) == typeof(Func)) return Value.FromFuncRef((Func?)(object?)value);
        return Value.FromExternRef(value);
    }

    public static T FromValue<T>(Value value)
    {
        if (typeof(T) == typeof(int)) { var v = value.AsInt32(); return Unsafe.As<int, T>(ref v); }
        if (typeof(T) == typeof(long)) { var v = value.AsInt64(); return Unsafe.As<long, T>(ref v); }
        if (typeof(T) == typeof(float)) { var v = value.AsSingle(); return Unsafe.As<float, T>(ref v); }
        if (typeof(T) == typeof(double)) { var v = value.AsDouble(); return Unsafe.As<double, T>(ref v); }
        if (typeof(T) == typeof(Func)) return (T)(object)value.AsFuncRef()!;
        return (T)value.AsExternRef()!;
    }

    /// <summary>Throws unless <paramref name="type"/> has exactly these parameter and result types.</summary>
    public static void Check(string what, FuncType type, Type[] parameters, Type? result)
    {
        var expected = new FuncType(
            [.. parameters.Select(KindOf)],
            result is null ? [] : [KindOf(result)]);
        if (!expected.Equals(type))
        {
            throw new InvalidOperationException($"{what} has type {type}, not {expected}");
        }
    }
}
