namespace EdgeWasm.CloudBridge.Nodes;

/// <summary>One write the node loop makes for a device's node.</summary>
internal enum NodeAction
{
    /// <summary>Register the node (with its status).</summary>
    Create,
    /// <summary>Replace labels, annotations and taints.</summary>
    UpdateObject,
    /// <summary>Replace the status (a change, or the periodic report).</summary>
    UpdateStatus,
}
