namespace EdgeWasm.EdgeAgent.Supervision.Running;

/// <summary>A host directory a workload sees at <paramref name="GuestPath"/>.</summary>
internal sealed record Preopen(string HostPath, string GuestPath, bool ReadOnly);
