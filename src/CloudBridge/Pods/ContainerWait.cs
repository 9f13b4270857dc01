namespace EdgeWasm.CloudBridge.Pods;

/// <summary>Why a container cannot start yet: a waiting reason (CreateContainerConfigError, ContainerCreating, InvalidImageName, PodInitializing) and message.</summary>
internal sealed record ContainerWait(string Reason, string Message);
