namespace EdgeWasm.CloudBridge.Kubernetes.Informers;

/// <summary>What an informer watches and how it paces itself; the defaults are client-go's reflector's.</summary>
internal sealed record InformerOptions
{
    /// <summary>Label selector for list and watch.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Field selector for list and watch, e.g. <c>spec.nodeName=pi-1</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size of the initial list and of every relist.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Each watch asks the server to end it after a random time between this and twice this, so load spreads.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First delay after a failed list or watch; doubles with jitter.</summary>
    public TimeSpan BackoffInitial { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Cap on the delay after failures.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(30);
}
