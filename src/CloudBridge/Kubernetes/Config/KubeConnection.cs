using System.Security.Cryptography.X509Certificates;

namespace EdgeWasm.CloudBridge.Kubernetes.Config;

/// <summary>Everything needed to reach and authenticate to an API server, from a kubeconfig or the in-cluster service account.</summary>
internal sealed record KubeConnection
{
    /// <summary>The API server's base URL.</summary>
    public required Uri Server { get; init; }

    /// <summary>CAs that sign the server's certificate; null trusts the system store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>Client certificate with its private key, for mutual TLS.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>A fixed bearer token.</summary>
    public string? BearerToken { get; init; }

    /// <summary>A file holding the bearer token; re-read periodically because projected tokens rotate.</summary>
    public string? BearerTokenFile { get; init; }

    /// <summary>Basic-auth user (legacy clusters).</summary>
    public string? Username { get; init; }

    /// <summary>Basic-auth password.</summary>
    public string? Password { get; init; }

    /// <summary>Skip server certificate verification (kubeconfig insecure-skip-tls-verify).</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Name to verify the server certificate against instead of the URL host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Default namespace of the context (or the service account's namespace).</summary>
    public string? Namespace { get; init; }

    /// <summary>Where the settings came from, for logs and errors.</summary>
    public required string Description { get; init; }
}
