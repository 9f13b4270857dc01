using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 Event, as the kubelet records them (kubectl describe shows these).</summary>
internal sealed record Event : KubeObject
{
    /// <summary>An event with its type information set.</summary>
    public Event()
    {
        ApiVersion = "v1";
        Kind = "Event";
    }

    /// <summary>The object the event is about.</summary>
    public ObjectReference InvolvedObject { get; set; } = new();

    /// <summary>Short CamelCase reason: Pulled, Started, BackOff, Killing, Failed.</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable description.</summary>
    public string? Message { get; init; }

    /// <summary>Component and host that reported it.</summary>
    public EventSource? Source { get; init; }

    /// <summary>First time it was seen.</summary>
    public DateTimeOffset? FirstTimestamp { get; init; }

    /// <summary>Most recent time it was seen.</summary>
    public DateTimeOffset? LastTimestamp { get; init; }

    /// <summary>How many times it was seen.</summary>
    public int? Count { get; init; }

    /// <summary>Normal or Warning.</summary>
    public string? Type { get; init; }

    /// <summary>When it was first observed, MicroTime.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>Controller that emitted it, e.g. <c>kubelet</c>.</summary>
    public string? ReportingComponent { get; init; }

    /// <summary>Instance of the controller, e.g. the node name.</summary>
    public string? ReportingInstance { get; init; }
}
