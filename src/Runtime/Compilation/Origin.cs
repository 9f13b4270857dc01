namespace EdgeWasm.Runtime.Compilation;

/// <summary>
/// What made an operand stack value, where it matters: the JIT folds float arithmetic with the constants
/// ±0 and ±1 (<c>x - 0.0</c>, <c>x * 1.0</c>, <c>-0.0 - x</c>...) and <c>demote(promote(x))</c> into <c>x</c>, which
/// is exact except that a signalling NaN must come out quiet. The compiler quiets NaN results of those patterns.
/// </summary>
internal enum Origin : byte
{
    /// <summary>Anything else.</summary>
    Computed,

    /// <summary>A float constant 0, -0, 1 or -1.</summary>
    IdentityConstant,

    /// <summary>f64.promote_f32.</summary>
    Promote,
}
