namespace EdgeWasm.CloudBridge.Tests.Bridge;

/// <summary>
/// Whole-bridge tests each start a broker, an API server double and a bridge; run together on a small machine they
/// starve each other's timers. They run one class at a time, after the rest.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BridgeCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "whole bridge";
}
