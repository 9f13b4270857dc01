namespace EdgeWasm.CloudBridge.Pods.Status;

/// <summary>The commands of one status pass, and what to remember of each pod for the next.</summary>
internal sealed record PodStatusPlan(IReadOnlyList<PodStatusCommand> Commands, IReadOnlyDictionary<string, PodMemory> Memory);
