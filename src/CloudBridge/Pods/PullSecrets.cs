using System.Text;
using System.Text.Json;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Images;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>
/// imagePullSecrets → registry credentials, matched to an image as the kubelet's keyring matches them: keys are
/// hosts (with optional port, <c>*</c> globs per DNS label, and a path prefix); <c>/v1/</c> and <c>/v2/</c> paths
/// mean the whole registry; the more specific key comes first. A secret that cannot be read is skipped with a
/// warning, as the kubelet does (the pull may still work without it).
/// </summary>
internal static class PullSecrets
{
    /// <summary>One credential entry of a docker config: its normalized key and the user and password.</summary>
    internal sealed record Entry(string Key, string Username, string Password);

    /// <summary>Reads every pull secret of the pod.</summary>
    public static IReadOnlyList<Entry> Load(Pod pod, IReadOnlyDictionary<string, Secret> secrets, List<PodEventRecord> warnings)
    {
        var entries = new List<Entry>();
        var missing = new List<string>();
        foreach (var reference in pod.Spec.ImagePullSecrets ?? [])
        {
            var name = reference.Name ?? "";
            if (!secrets.TryGetValue(name, out var secret) || !TryRead(secret, entries))
            {
                missing.Add(name);
            }
        }

        if (missing.Count > 0)
        {
            warnings.Add(new PodEventRecord(PodEventRecord.Warning, "FailedToRetrieveImagePullSecret",
                $"Unable to retrieve some image pull secrets ({string.Join(", ", missing)}); attempting to pull the image may not succeed."));
        }

        // Reverse lexical order puts the longer, more specific key of a shared prefix first, as the kubelet's index does.
        return [.. entries.OrderByDescending(e => e.Key, StringComparer.Ordinal)];
    }

    /// <summary>The credentials that apply to <paramref name="image"/>, most specific first.</summary>
    public static IReadOnlyList<RegistryCredential> ForImage(ImageReference image, IReadOnlyList<Entry> entries) =>
        [.. entries.Where(e => Matches(e.Key, image)).Select(e => new RegistryCredential(image.Registry, e.Username, e.Password))];

    private static bool TryRead(Secret secret, List<Entry> entries)
    {
        IReadOnlyDictionary<string, DockerConfigEntry>? auths;
        try
        {
            if (secret.Type == "kubernetes.io/dockerconfigjson" && secret.Data?.TryGetValue(".dockerconfigjson", out var json) == true)
            {
                auths = JsonSerializer.Deserialize(json, KubeJsonContext.Default.DockerConfig)?.Auths;
            }
            else if (secret.Type == "kubernetes.io/dockercfg" && secret.Data?.TryGetValue(".dockercfg", out var cfg) == true)
            {
                auths = JsonSerializer.Deserialize(cfg, KubeJsonContext.Default.DictionaryStringDockerConfigEntry);
            }
            else
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        foreach (var (key, value) in auths ?? new Dictionary<string, DockerConfigEntry>())
        {
            var (user, password) = (value.Username, value.Password);
            if (string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(value.Auth))
            {
                string decoded;
                try
                {
                    decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Auth));
                }
                catch (FormatException)
                {
                    continue;
                }

                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0) continue;
                (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
            }

            if (string.IsNullOrEmpty(user)) continue;
            entries.Add(new Entry(NormalizeKey(key), user, password ?? ""));
        }

        return true;
    }

    private static string NormalizeKey(string key)
    {
        var rest = key;
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (rest.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) rest = rest[scheme.Length..];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var host = (slash < 0 ? rest : rest[..slash]).ToLowerInvariant();
        var path = slash < 0 ? "" : rest[slash..];
        if (path.StartsWith("/v1/", StringComparison.Ordinal) || path.StartsWith("/v2/", StringComparison.Ordinal)) path = path[3..];
        if (host is "index.docker.io" or "registry-1.docker.io") host = ImageReference.DockerHub;
        return path.Length > 0 && path != "/" ? host + path.TrimEnd('/') : host;
    }

    private static bool Matches(string key, ImageReference image)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var keyHost = slash < 0 ? key : key[..slash];
        var keyPath = slash < 0 ? "" : key[(slash + 1)..];
        var (keyName, keyPort) = SplitPort(keyHost);
        var (imageName, imagePort) = SplitPort(image.Registry.ToLowerInvariant());
        if (keyPort != imagePort) return false;
        var keyLabels = keyName.Split('.');
        var imageLabels = imageName.Split('.');
        if (keyLabels.Length != imageLabels.Length) return false;
        for (var i = 0; i < keyLabels.Length; i++)
        {
            if (!GlobMatch(keyLabels[i], imageLabels[i])) return false;
        }

        // A plain prefix, as the kubelet compares paths.
        return image.Repository.StartsWith(keyPath, StringComparison.Ordinal);
    }

    private static (string Host, string Port) SplitPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon < 0 || host.EndsWith(']') ? (host, "") : (host[..colon], host[(colon + 1)..]);
    }

    // '*' matches any run of characters within one DNS label (filepath.Match semantics for host labels).
    private static bool GlobMatch(string pattern, string text)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal)) return pattern == text;
        var parts = pattern.Split('*');
        if (!text.StartsWith(parts[0], StringComparison.Ordinal)) return false;
        var position = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = text.IndexOf(parts[i], position, StringComparison.Ordinal);
            if (found < 0) return false;
            position = found + parts[i].Length;
        }

        return text.Length - position >= parts[^1].Length && text.EndsWith(parts[^1], StringComparison.Ordinal);
    }
}
