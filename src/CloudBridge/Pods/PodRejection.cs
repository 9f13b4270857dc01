namespace EdgeWasm.CloudBridge.Pods;

/// <summary>Why a pod cannot run on EdgeWasm: its status reason and a message naming every unsupported field.</summary>
internal sealed record PodRejection(string Reason, string Message)
{
    /// <summary>The status reason for pods that use unsupported features.</summary>
    public const string UnsupportedReason = "UnsupportedPodSpec";
}
