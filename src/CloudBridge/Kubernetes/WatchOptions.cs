namespace EdgeWasm.CloudBridge.Kubernetes;

/// <summary>Query parameters of a watch.</summary>
internal sealed record WatchOptions
{
    /// <summary>Label selector.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Field selector.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Start after this version (from a list or the last event); unset or "0" starts with the current state.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Ask for BOOKMARK events.</summary>
    public bool AllowWatchBookmarks { get; init; } = true;

    /// <summary>Server-side duration of the watch.</summary>
    public int? TimeoutSeconds { get; init; }
}
