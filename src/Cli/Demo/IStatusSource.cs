using EdgeWasm.CloudBridge.StaticPods;

namespace EdgeWasm.Cli.Demo;

/// <summary>Where the demo reads the pods' and nodes' state from.</summary>
internal interface IStatusSource
{
    /// <summary>The latest state, or null while there is none yet.</summary>
    Task<StatusSnapshot?> ReadAsync(CancellationToken cancellationToken);
}
