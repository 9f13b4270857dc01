using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace EdgeWasm.CloudBridge.Kubernetes.Config;

/// <summary>
/// Reads kubeconfig files the way clientcmd does: several files merge with the first occurrence of a name winning,
/// relative paths resolve against the file that names them, <c>*-data</c> wins over the file form, and a token file
/// wins over a token.
/// </summary>
internal static class KubeConfigLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>One kubeconfig file; <paramref name="context"/> overrides its current-context.</summary>
    public static KubeConnection FromFile(string path, string? context = null) => FromFiles([path], context);

    /// <summary>Several kubeconfig files merged as with <c>KUBECONFIG=a:b</c>; missing files are skipped as kubectl does.</summary>
    public static KubeConnection FromFiles(IReadOnlyList<string> paths, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var merged = new KubeConfigFile { Clusters = [], Users = [], Contexts = [] };
        var read = new List<string>();
        foreach (var path in paths.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (!File.Exists(path))
            {
                if (paths.Count == 1) throw new FileNotFoundException($"kubeconfig {path} does not exist", path);
                continue;
            }

            var file = Parse(File.ReadAllText(path), path);
            Resolve(file, Path.GetDirectoryName(Path.GetFullPath(path))!);
            MergeInto(merged, file);
            read.Add(path);
        }

        if (read.Count == 0) throw new FileNotFoundException($"none of the kubeconfig files exist: {string.Join(':', paths)}");
        return Select(merged, context, string.Join(':', read));
    }

    /// <summary>A kubeconfig given as text; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static KubeConnection FromYaml(string yaml, string baseDirectory, string? context = null)
    {
        var file = Parse(yaml, "kubeconfig");
        Resolve(file, baseDirectory);
        return Select(file, context, "kubeconfig text");
    }

    /// <summary>
    /// What kubectl would use: <c>$KUBECONFIG</c>, else <c>~/.kube/config</c>, else the in-cluster service account.
    /// </summary>
    public static KubeConnection Default(Func<string, string?>? environment = null, string? context = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment("KUBECONFIG") is { Length: > 0 } list)
        {
            return FromFiles(list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries), context);
        }

        var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var defaultPath = Path.Combine(home, ".kube", "config");
        if (File.Exists(defaultPath)) return FromFile(defaultPath, context);
        if (InClusterConfig.IsAvailable(environment)) return InClusterConfig.Load(environment);
        throw new InvalidOperationException(
            "no Kubernetes configuration: set --kubeconfig or KUBECONFIG, create ~/.kube/config, or run in a cluster with a service account");
    }

    private static KubeConfigFile Parse(string yaml, string source)
    {
        try
        {
            return Yaml.Deserialize<KubeConfigFile?>(yaml) ?? new KubeConfigFile();
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{source} is not a valid kubeconfig: {ex.Message}", ex);
        }
    }

    // Relative paths in a kubeconfig are relative to the file that holds them.
    private static void Resolve(KubeConfigFile file, string baseDirectory)
    {
        string? Abs(string? p) => string.IsNullOrEmpty(p) ? p : Path.GetFullPath(p, baseDirectory);
        foreach (var c in file.Clusters ?? [])
        {
            if (c.Cluster is { } cluster) cluster.CertificateAuthority = Abs(cluster.CertificateAuthority);
        }

        foreach (var u in file.Users ?? [])
        {
            if (u.User is not { } user) continue;
            user.ClientCertificate = Abs(user.ClientCertificate);
            user.ClientKey = Abs(user.ClientKey);
            user.TokenFile = Abs(user.TokenFile);
        }
    }

    private static void MergeInto(KubeConfigFile target, KubeConfigFile source)
    {
        AddNew(target.Clusters!, source.Clusters, c => c.Name);
        AddNew(target.Users!, source.Users, u => u.Name);
        AddNew(target.Contexts!, source.Contexts, c => c.Name);
        if (string.IsNullOrEmpty(target.CurrentContext)) target.CurrentContext = source.CurrentContext;
    }

    private static void AddNew<T>(List<T> target, List<T>? source, Func<T, string?> name)
    {
        foreach (var item in source ?? [])
        {
            if (!target.Any(t => name(t) == name(item))) target.Add(item);
        }
    }

    private static KubeConnection Select(KubeConfigFile file, string? contextName, string source)
    {
        contextName = string.IsNullOrEmpty(contextName) ? file.CurrentContext : contextName;
        if (string.IsNullOrEmpty(contextName)) throw new InvalidDataException($"{source}: no current-context is set and no context was named");
        var context = file.Contexts?.FirstOrDefault(c => c.Name == contextName)?.Context
            ?? throw new InvalidDataException($"{source}: context '{contextName}' not found (have: {Names(file.Contexts?.Select(c => c.Name))})");
        var cluster = file.Clusters?.FirstOrDefault(c => c.Name == context.Cluster)?.Cluster
            ?? throw new InvalidDataException($"{source}: cluster '{context.Cluster}' of context '{contextName}' not found");
        var user = string.IsNullOrEmpty(context.User) ? new UserEntry()
            : file.Users?.FirstOrDefault(u => u.Name == context.User)?.User
              ?? throw new InvalidDataException($"{source}: user '{context.User}' of context '{contextName}' not found");
        var where = $"{source}, context '{contextName}'";

        if (string.IsNullOrWhiteSpace(cluster.Server)) throw new InvalidDataException($"{where}: cluster '{context.Cluster}' has no server");
        if (!Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
        {
            throw new InvalidDataException($"{where}: server '{cluster.Server}' is not an http(s) URL");
        }

        if (!string.IsNullOrEmpty(cluster.ProxyUrl)) throw new NotSupportedException($"{where}: proxy-url is not supported");
        if (user.Exec is not null) throw new NotSupportedException($"{where}: user '{context.User}' uses an exec credential plugin, which the bridge does not run; use a token or a client certificate");
        if (user.AuthProvider is not null) throw new NotSupportedException($"{where}: user '{context.User}' uses an auth-provider plugin, which is not supported; use a token or a client certificate");

        var cas = LoadCertificateAuthorities(cluster, where);
        if (cluster.InsecureSkipTlsVerify && cas is not null)
        {
            throw new InvalidDataException($"{where}: a certificate authority together with insecure-skip-tls-verify is not allowed");
        }

        return new KubeConnection
        {
            Server = server,
            CertificateAuthorities = cas,
            ClientCertificate = LoadClientCertificate(user, where),
            BearerToken = string.IsNullOrEmpty(user.Token) ? null : user.Token,
            BearerTokenFile = string.IsNullOrEmpty(user.TokenFile) ? null : user.TokenFile,
            Username = string.IsNullOrEmpty(user.Username) ? null : user.Username,
            Password = user.Password,
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = string.IsNullOrEmpty(cluster.TlsServerName) ? null : cluster.TlsServerName,
            Namespace = string.IsNullOrEmpty(context.Namespace) ? "default" : context.Namespace,
            Description = where,
        };
    }

    private static X509Certificate2Collection? LoadCertificateAuthorities(ClusterEntry cluster, string where)
    {
        var pem = Data(cluster.CertificateAuthorityData, "certificate-authority-data", where)
            ?? FileText(cluster.CertificateAuthority, "certificate-authority", where);
        if (pem is null) return null;
        var cas = new X509Certificate2Collection();
        try
        {
            cas.ImportFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException($"{where}: the certificate authority is not PEM: {ex.Message}", ex);
        }

        return cas.Count > 0 ? cas : throw new InvalidDataException($"{where}: the certificate authority holds no certificate");
    }

    private static X509Certificate2? LoadClientCertificate(UserEntry user, string where)
    {
        var cert = Data(user.ClientCertificateData, "client-certificate-data", where) ?? FileText(user.ClientCertificate, "client-certificate", where);
        var key = Data(user.ClientKeyData, "client-key-data", where) ?? FileText(user.ClientKey, "client-key", where);
        if (cert is null && key is null) return null;
        if (cert is null || key is null) throw new InvalidDataException($"{where}: a client certificate needs both the certificate and the key");
        try
        {
            return X509Certificate2.CreateFromPem(cert, key);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException($"{where}: the client certificate or key is invalid: {ex.Message}", ex);
        }
    }

    private static string? Data(string? base64, string field, string where)
    {
        if (string.IsNullOrWhiteSpace(base64)) return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{where}: {field} is not base64", ex);
        }
    }

    private static string? FileText(string? path, string field, string where)
    {
        if (string.IsNullOrEmpty(path)) return null;
        if (!File.Exists(path)) throw new FileNotFoundException($"{where}: {field} file {path} does not exist", path);
        return File.ReadAllText(path);
    }

    private static string Names(IEnumerable<string?>? names) => names is null ? "none" : string.Join(", ", names);
}
