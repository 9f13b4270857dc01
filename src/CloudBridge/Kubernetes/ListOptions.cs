namespace EdgeWasm.CloudBridge.Kubernetes;

/// <summary>Query parameters of a list.</summary>
internal sealed record ListOptions
{
    /// <summary>e.g. <c>app=sensor,tier in (edge)</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>e.g. <c>spec.nodeName=pi-1</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; the server returns a continue token when more remain.</summary>
    public int? Limit { get; init; }

    /// <summary>Token from the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>Unset: most recent (consistent); "0": any; otherwise see <see cref="ResourceVersionMatch"/>.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>NotOlderThan or Exact.</summary>
    public string? ResourceVersionMatch { get; init; }
}
