namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>Whether a command's module file is a binary (.wasm) or text (.wat) module.</summary>
public enum SpecModuleFormat
{
    /// <summary>A .wasm file.</summary>
    Binary,
    /// <summary>A .wat file (only in text-format assert_malformed, which a binary-only engine skips).</summary>
    Text,
}
