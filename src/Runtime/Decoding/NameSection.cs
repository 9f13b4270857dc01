namespace EdgeWasm.Runtime.Decoding;

/// <summary>Debug names from the "name" custom section. A malformed name section is ignored, as the spec allows.</summary>
internal sealed record NameSection(string? ModuleName, IReadOnlyDictionary<uint, string> FunctionNames)
{
    /// <summary>No names.</summary>
    public static NameSection Empty { get; } = new(null, new Dictionary<uint, string>());
}
