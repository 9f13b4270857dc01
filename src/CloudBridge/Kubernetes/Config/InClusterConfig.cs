using System.Security.Cryptography.X509Certificates;

namespace EdgeWasm.CloudBridge.Kubernetes.Config;

/// <summary>
/// The in-cluster configuration client-go's rest.InClusterConfig builds: KUBERNETES_SERVICE_HOST/PORT, and the
/// service account's token (re-read as it rotates), CA and namespace.
/// </summary>
internal static class InClusterConfig
{
    /// <summary>Where the kubelet mounts the service account.</summary>
    public const string DefaultRoot = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>True when the environment and the token file are there.</summary>
    public static bool IsAvailable(Func<string, string?>? environment = null, string root = DefaultRoot)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST")) && !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_PORT"))
            && File.Exists(Path.Combine(root, "token"));
    }

    /// <summary>Builds the connection, or explains what is missing.</summary>
    public static KubeConnection Load(Func<string, string?>? environment = null, string root = DefaultRoot)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new InvalidOperationException("not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set");
        }

        var tokenFile = Path.Combine(root, "token");
        if (!File.Exists(tokenFile)) throw new InvalidOperationException($"not running in a cluster: {tokenFile} does not exist");

        // An IPv6 service address needs brackets in a URL.
        var hostPart = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        if (!Uri.TryCreate($"https://{hostPart}:{port}", UriKind.Absolute, out var server))
        {
            throw new InvalidOperationException($"KUBERNETES_SERVICE_HOST/PORT '{host}:{port}' do not form a URL");
        }

        X509Certificate2Collection? cas = null;
        var caFile = Path.Combine(root, "ca.crt");
        if (File.Exists(caFile))
        {
            cas = [];
            cas.ImportFromPemFile(caFile);
        }

        var nsFile = Path.Combine(root, "namespace");
        var ns = File.Exists(nsFile) ? File.ReadAllText(nsFile).Trim() : "default";
        return new KubeConnection
        {
            Server = server,
            CertificateAuthorities = cas,
            BearerTokenFile = tokenFile,
            Namespace = ns.Length > 0 ? ns : "default",
            Description = $"in-cluster service account ({root})",
        };
    }
}
