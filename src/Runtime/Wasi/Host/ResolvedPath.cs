namespace EdgeWasm.Runtime.Wasi.Host;

/// <summary>
/// Where a guest path ended up: a host directory the sandbox holds, plus one final component inside it.
/// Owns the intermediate directories opened during the walk; dispose it when the operation is done.
/// </summary>
internal sealed class ResolvedPath : IDisposable
{
    private readonly List<HostHandle> _owned;

    public ResolvedPath(int parent, byte[] name, bool trailingSlash, List<HostHandle> owned)
    {
        Parent = parent;
        Name = name;
        TrailingSlash = trailingSlash;
        _owned = owned;
    }

    /// <summary>The host directory that holds <see cref="Name"/>.</summary>
    public int Parent { get; }

    /// <summary>The final component, NUL-terminated; never contains '/', may be ".".</summary>
    public byte[] Name { get; }

    /// <summary>The guest path ended with '/': the final component must be a directory.</summary>
    public bool TrailingSlash { get; }

    /// <summary>How many directories below the base descriptor <see cref="Parent"/> is.</summary>
    public int Depth => _owned.Count;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var handle in _owned) handle.Dispose();
        _owned.Clear();
    }
}
