using YamlDotNet.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Config;

/// <summary>A kubeconfig cluster.</summary>
internal sealed class ClusterEntry
{
    /// <summary>API server URL.</summary>
    public string? Server { get; set; }

    /// <summary>CA bundle file.</summary>
    [YamlMember(Alias = "certificate-authority", ApplyNamingConventions = false)]
    public string? CertificateAuthority { get; set; }

    /// <summary>CA bundle, base64 PEM; wins over the file.</summary>
    [YamlMember(Alias = "certificate-authority-data", ApplyNamingConventions = false)]
    public string? CertificateAuthorityData { get; set; }

    /// <summary>Skip server certificate verification.</summary>
    [YamlMember(Alias = "insecure-skip-tls-verify", ApplyNamingConventions = false)]
    public bool InsecureSkipTlsVerify { get; set; }

    /// <summary>Name to verify the server certificate against.</summary>
    [YamlMember(Alias = "tls-server-name", ApplyNamingConventions = false)]
    public string? TlsServerName { get; set; }

    /// <summary>HTTP proxy (not supported).</summary>
    [YamlMember(Alias = "proxy-url", ApplyNamingConventions = false)]
    public string? ProxyUrl { get; set; }
}
