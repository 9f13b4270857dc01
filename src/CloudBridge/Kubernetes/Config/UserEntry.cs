using YamlDotNet.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Config;

/// <summary>Kubeconfig credentials (AuthInfo).</summary>
internal sealed class UserEntry
{
    /// <summary>Bearer token.</summary>
    public string? Token { get; set; }

    /// <summary>File holding a bearer token; re-read periodically.</summary>
    public string? TokenFile { get; set; }

    /// <summary>Client certificate file.</summary>
    [YamlMember(Alias = "client-certificate", ApplyNamingConventions = false)]
    public string? ClientCertificate { get; set; }

    /// <summary>Client certificate, base64 PEM; wins over the file.</summary>
    [YamlMember(Alias = "client-certificate-data", ApplyNamingConventions = false)]
    public string? ClientCertificateData { get; set; }

    /// <summary>Client key file.</summary>
    [YamlMember(Alias = "client-key", ApplyNamingConventions = false)]
    public string? ClientKey { get; set; }

    /// <summary>Client key, base64 PEM; wins over the file.</summary>
    [YamlMember(Alias = "client-key-data", ApplyNamingConventions = false)]
    public string? ClientKeyData { get; set; }

    /// <summary>Basic-auth user.</summary>
    public string? Username { get; set; }

    /// <summary>Basic-auth password.</summary>
    public string? Password { get; set; }

    /// <summary>Exec credential plugin (not supported: the bridge runs no external programs).</summary>
    public object? Exec { get; set; }

    /// <summary>Auth provider plugin (not supported, removed from client-go).</summary>
    [YamlMember(Alias = "auth-provider", ApplyNamingConventions = false)]
    public object? AuthProvider { get; set; }
}
