namespace EdgeWasm.Runtime;

/// <summary>A function signature: parameter and result value types. Compared structurally.</summary>
public sealed class FuncType : IEquatable<FuncType>
{
    /// <summary>Creates a signature.</summary>
    public FuncType(IReadOnlyList<ValueKind> parameters, IReadOnlyList<ValueKind> results)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(results);
        Parameters = [.. parameters];
        Results = [.. results];
    }

    /// <summary>The parameter types, in order.</summary>
    public IReadOnlyList<ValueKind> Parameters { get; }

    /// <summary>The result types, in order.</summary>
    public IReadOnlyList<ValueKind> Results { get; }

    /// <inheritdoc />
    public bool Equals(FuncType? other) =>
        other is not null && Parameters.SequenceEqual(other.Parameters) && Results.SequenceEqual(other.Results);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FuncType);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in Parameters) hash.Add(p);
        hash.Add(-1);
        foreach (var r in Results) hash.Add(r);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"[{string.Join(' ', Parameters.Select(ValueKinds.Name))}] -> [{string.Join(' ', Results.Select(ValueKinds.Name))}]";
}
