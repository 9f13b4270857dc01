namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>An expected float that is a NaN pattern rather than exact bits.</summary>
public enum SpecNaN
{
    /// <summary>Exact bits are expected.</summary>
    None,
    /// <summary>"nan:canonical": a NaN with exactly the canonical payload, either sign.</summary>
    Canonical,
    /// <summary>"nan:arithmetic": a NaN with the quiet bit set, any sign and other payload bits.</summary>
    Arithmetic,
}
