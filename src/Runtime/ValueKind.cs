namespace EdgeWasm.Runtime;

/// <summary>A WebAssembly value type; the numeric value is its binary encoding.</summary>
public enum ValueKind : byte
{
    /// <summary>32-bit integer.</summary>
    I32 = 0x7F,
    /// <summary>64-bit integer.</summary>
    I64 = 0x7E,
    /// <summary>32-bit IEEE float.</summary>
    F32 = 0x7D,
    /// <summary>64-bit IEEE float.</summary>
    F64 = 0x7C,
    /// <summary>128-bit vector (SIMD; decoded for forward compatibility, not yet executed).</summary>
    V128 = 0x7B,
    /// <summary>A reference to a function, or null.</summary>
    FuncRef = 0x70,
    /// <summary>An opaque host reference, or null.</summary>
    ExternRef = 0x6F,
}
