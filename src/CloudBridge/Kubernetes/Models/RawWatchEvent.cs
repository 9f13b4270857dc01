using System.Text.Json;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>One line of a watch stream before its object is decoded: the object is a Status for ERROR events.</summary>
internal sealed record RawWatchEvent
{
    /// <summary>ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.</summary>
    public required string Type { get; init; }

    /// <summary>The object, still undecoded.</summary>
    public required JsonElement Object { get; init; }
}
