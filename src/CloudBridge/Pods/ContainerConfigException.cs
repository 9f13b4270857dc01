namespace EdgeWasm.CloudBridge.Pods;

/// <summary>Thrown inside translation when a container cannot be configured yet; becomes a <see cref="ContainerWait"/>.</summary>
internal sealed class ContainerConfigException(string reason, string message) : Exception(message)
{
    /// <summary>The waiting reason, e.g. CreateContainerConfigError.</summary>
    public string Reason { get; } = reason;

    /// <summary>As a wait.</summary>
    public ContainerWait ToWait() => new(Reason, Message);
}
