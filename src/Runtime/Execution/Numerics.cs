using System.Runtime.CompilerServices;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// Numeric instructions whose wasm semantics differ from a single IL opcode: trapping division, NaN-aware
/// min/max, sign-bit operations done on bits (so NaN payloads survive), and exact float/integer conversions.
/// Small and aggressively inlined into generated code; the throwing paths stay out of line.
/// </summary>
internal static class Numerics
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32DivS(int a, int b)
    {
        if (b == 0) ThrowDivideByZero();
        if (b == -1 && a == int.MinValue) ThrowOverflow();
        return a / b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32DivU(int a, int b)
    {
        if (b == 0) ThrowDivideByZero();
        return (int)((uint)a / (uint)b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32RemS(int a, int b)
    {
        if (b == 0) ThrowDivideByZero();
        // MIN % -1 overflows in .NET; wasm defines it as 0.
        return b == -1 ? 0 : a % b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32RemU(int a, int b)
    {
        if (b == 0) ThrowDivideByZero();
        return (int)((uint)a % (uint)b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64DivS(long a, long b)
    {
        if (b == 0) ThrowDivideByZero();
        if (b == -1 && a == long.MinValue) ThrowOverflow();
        return a / b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64DivU(long a, long b)
    {
        if (b == 0) ThrowDivideByZero();
        return (long)((ulong)a / (ulong)b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64RemS(long a, long b)
    {
        if (b == 0) ThrowDivideByZero();
        return b == -1 ? 0 : a % b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64RemU(long a, long b)
    {
        if (b == 0) ThrowDivideByZero();
        return (long)((ulong)a % (ulong)b);
    }

    // Rotate counts pass through these masks, which the JIT cannot constant-fold (they are not readonly). The x64
    // JIT of .NET 10.0 drops the test of "rotate by a constant == 0" and reads a zero flag that rol/ror never set
    // (dotnet/runtime#129288); with a count it cannot prove non-zero it keeps the test.
#pragma warning disable CA2211 // Must stay mutable: a readonly static would be folded into a constant.
    internal static int s_rotateMask32 = 31;
    internal static int s_rotateMask64 = 63;
#pragma warning restore CA2211

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Rotl(int a, int b) => (int)uint.RotateLeft((uint)a, b & s_rotateMask32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Rotr(int a, int b) => (int)uint.RotateRight((uint)a, b & s_rotateMask32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Rotl(long a, long b) => (long)ulong.RotateLeft((ulong)a, (int)b & s_rotateMask64);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Rotr(long a, long b) => (long)ulong.RotateRight((ulong)a, (int)b & s_rotateMask64);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Clz(int a) => System.Numerics.BitOperations.LeadingZeroCount((uint)a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Ctz(int a) => System.Numerics.BitOperations.TrailingZeroCount(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Popcnt(int a) => System.Numerics.BitOperations.PopCount((uint)a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Clz(long a) => System.Numerics.BitOperations.LeadingZeroCount((ulong)a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Ctz(long a) => System.Numerics.BitOperations.TrailingZeroCount(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Popcnt(long a) => System.Numerics.BitOperations.PopCount((ulong)a);

    // Sign operations on bits: arithmetic would quiet a signalling NaN, and wasm wants its payload kept.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Abs(float a) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) & 0x7FFF_FFFF);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Neg(float a) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) ^ int.MinValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Copysign(float a, float b) => BitConverter.Int32BitsToSingle(
        (BitConverter.SingleToInt32Bits(a) & 0x7FFF_FFFF) | (BitConverter.SingleToInt32Bits(b) & int.MinValue));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Abs(double a) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & long.MaxValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Neg(double a) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) ^ long.MinValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Copysign(double a, double b) => BitConverter.Int64BitsToDouble(
        (BitConverter.DoubleToInt64Bits(a) & long.MaxValue) | (BitConverter.DoubleToInt64Bits(b) & long.MinValue));

    // min/max: a NaN operand gives a NaN with the quiet bit set (a + b quiets it), and -0 < +0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Min(float a, float b) => float.IsNaN(a) || float.IsNaN(b) ? a + b : MathF.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Max(float a, float b) => float.IsNaN(a) || float.IsNaN(b) ? a + b : MathF.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Min(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? a + b : Math.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Max(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? a + b : Math.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Nearest(float a) => MathF.Round(a, MidpointRounding.ToEven);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Nearest(double a) => Math.Round(a, MidpointRounding.ToEven);

    /// <summary>Sets the quiet bit of a NaN; other values pass unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Quiet(float a) =>
        float.IsNaN(a) ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) | 0x40_0000) : a;

    /// <summary>Sets the quiet bit of a NaN; other values pass unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Quiet(double a) =>
        double.IsNaN(a) ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) | 0x8_0000_0000_0000) : a;

    /// <summary>An f32 constant from bits, kept out of the JIT's constant folding (which stores float constants
    /// as doubles and so would quiet a signalling NaN).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float F32FromBitsOpaque(int bits) => BitConverter.Int32BitsToSingle(bits);

    // Trapping float-to-int conversions: NaN is an invalid conversion, anything outside the range overflows.
    // The bounds are exact: the first float at or beyond the integer range, compared after truncation.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF32S(float a)
    {
        if (!(a >= -2147483648f && a < 2147483648f)) ThrowBadConversion(a);
        return (int)a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF32U(float a)
    {
        if (!(a > -1f && a < 4294967296f)) ThrowBadConversion(a);
        return (int)(uint)a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF64S(double a)
    {
        if (!(a > -2147483649d && a < 2147483648d)) ThrowBadConversion(a);
        return (int)a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF64U(double a)
    {
        if (!(a > -1d && a < 4294967296d)) ThrowBadConversion(a);
        return (int)(uint)a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF32S(float a)
    {
        if (!(a >= -9223372036854775808f && a < 9223372036854775808f)) ThrowBadConversion(a);
        return (long)a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF32U(float a)
    {
        if (!(a > -1f && a < 18446744073709551616f)) ThrowBadConversion(a);
        return (long)(ulong)a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF64S(double a)
    {
        if (!(a >= -9223372036854775808d && a < 9223372036854775808d)) ThrowBadConversion(a);
        return (long)a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF64U(double a)
    {
        if (!(a > -1d && a < 18446744073709551616d)) ThrowBadConversion(a);
        return (long)(ulong)a;
    }

    // Saturating conversions: NaN gives 0, out-of-range values clamp. Written out rather than relying on the
    // runtime's conversion behaviour, which differed between platforms before .NET 9.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF32S(float a) =>
        float.IsNaN(a) ? 0 : a >= 2147483648f ? int.MaxValue : a < -2147483648f ? int.MinValue : (int)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF32U(float a) =>
        !(a > -1f) ? 0 : a >= 4294967296f ? -1 : (int)(uint)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF64S(double a) =>
        double.IsNaN(a) ? 0 : a >= 2147483648d ? int.MaxValue : a <= -2147483649d ? int.MinValue : (int)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF64U(double a) =>
        !(a > -1d) ? 0 : a >= 4294967296d ? -1 : (int)(uint)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF32S(float a) =>
        float.IsNaN(a) ? 0 : a >= 9223372036854775808f ? long.MaxValue : a < -9223372036854775808f ? long.MinValue : (long)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF32U(float a) =>
        !(a > -1f) ? 0 : a >= 18446744073709551616f ? -1 : (long)(ulong)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF64S(double a) =>
        double.IsNaN(a) ? 0 : a >= 9223372036854775808d ? long.MaxValue : a < -9223372036854775808d ? long.MinValue : (long)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF64U(double a) =>
        !(a > -1d) ? 0 : a >= 18446744073709551616d ? -1 : (long)(ulong)a;

    // Integer-to-float conversions must round once. Signed 64-bit converts exactly in hardware; unsigned values
    // with the top bit set are halved first, keeping the lost bit as a sticky bit so the final rounding is right.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI32U(int a) => (float)(uint)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ConvertI32U(int a) => (uint)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI64S(long a) => a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI64U(long a)
    {
        if (a >= 0) return a;
        var halved = (long)(((ulong)a >> 1) | ((ulong)a & 1));
        return (float)halved * 2f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ConvertI64U(long a)
    {
        if (a >= 0) return a;
        var halved = (long)(((ulong)a >> 1) | ((ulong)a & 1));
        return (double)halved * 2d;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDivideByZero() => throw Traps.Create(TrapCode.IntegerDivisionByZero);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverflow() => throw Traps.Create(TrapCode.IntegerOverflow);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadConversion(double value) =>
        throw Traps.Create(double.IsNaN(value) ? TrapCode.BadConversionToInteger : TrapCode.IntegerOverflow);
}
