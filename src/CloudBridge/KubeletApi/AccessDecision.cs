namespace EdgeWasm.CloudBridge.KubeletApi;

/// <summary>Whether a request to the kubelet API may go on: 200, or 401/403 with the message the kubelet would send.</summary>
internal sealed record AccessDecision(int StatusCode, string? User, string Message)
{
    /// <summary>Allowed.</summary>
    public bool Allowed => StatusCode == 200;

    /// <summary>An allowed request by <paramref name="user"/>.</summary>
    public static AccessDecision Allow(string? user) => new(200, user, "");
}
