using System.Net;

namespace EdgeWasm.CloudBridge.KubeletApi;

/// <summary>The bridge's HTTPS server: where it listens, its certificate, who may call it, how logs are followed.</summary>
internal sealed record KubeletApiOptions
{
    /// <summary>The address and port to listen on (the kubelet's port 10250 by default).</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Any, 10250);

    /// <summary>PEM certificate (with its chain) and key; null: made and kept in <see cref="CertificateDirectory"/>.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>The key of <see cref="CertificateFile"/>.</summary>
    public string? KeyFile { get; init; }

    /// <summary>Where a self-made certificate is kept.</summary>
    public required string CertificateDirectory { get; init; }

    /// <summary>Names (DNS or IP) a self-made certificate is valid for.</summary>
    public IReadOnlyList<string> CertificateNames { get; init; } = ["localhost", "127.0.0.1"];

    /// <summary>CA bundle that verifies client certificates (the API server's kubelet client); null: tokens only.</summary>
    public string? ClientCaFile { get; init; }

    /// <summary>How often a followed log is polled on the device.</summary>
    public TimeSpan FollowPollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
