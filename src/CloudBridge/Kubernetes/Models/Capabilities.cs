namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 Capabilities.</summary>
internal sealed record Capabilities : KubeModel
{
    /// <summary>Capabilities to add (refused: a wasm guest has none).</summary>
    public IReadOnlyList<string>? Add { get; init; }

    /// <summary>Capabilities to drop (always satisfied).</summary>
    public IReadOnlyList<string>? Drop { get; init; }
}
