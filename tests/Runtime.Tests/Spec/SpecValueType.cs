namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>The value types a spec script can name.</summary>
public enum SpecValueType
{
    /// <summary>i32.</summary>
    I32,
    /// <summary>i64.</summary>
    I64,
    /// <summary>f32 (as bits).</summary>
    F32,
    /// <summary>f64 (as bits).</summary>
    F64,
    /// <summary>v128 (SIMD scripts only).</summary>
    V128,
    /// <summary>funcref.</summary>
    FuncRef,
    /// <summary>externref.</summary>
    ExternRef,
}
