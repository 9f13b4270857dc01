namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>One registry's credentials in a docker config.</summary>
internal sealed record DockerConfigEntry
{
    /// <summary>User name.</summary>
    public string? Username { get; init; }

    /// <summary>Password or token.</summary>
    public string? Password { get; init; }

    /// <summary>base64 of <c>user:password</c>, used when username/password are absent.</summary>
    public string? Auth { get; init; }
}
