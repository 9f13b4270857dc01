namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>One node: its device, profile, Ready status and reason, and when the device was last heard from.</summary>
internal sealed record NodeRow(string Name, string Device, string Profile, string Ready, string? Reason, DateTimeOffset? LastSeen, string? AgentVersion);
