using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>
/// Reads a static pod folder as the kubelet reads its manifest path: every <c>.yaml</c>, <c>.yml</c> and <c>.json</c>
/// file (hidden files skipped), each with one or more documents. Besides <c>v1 Pod</c>, <c>v1 ConfigMap</c> and
/// <c>v1 Secret</c> documents are read, so pods can reference them without a cluster. Anything else, a pod without a
/// name, or a name used twice is a problem that names its file; the rest is still read.
/// </summary>
internal static class ManifestReader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>The files that count, sorted.</summary>
    public static IReadOnlyList<string> Files(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return [.. Directory.EnumerateFiles(directory)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Reads the folder.</summary>
    public static ManifestSet Read(string directory)
    {
        var pods = new List<(Pod, string)>();
        var configMaps = new Dictionary<string, ConfigMap>(StringComparer.Ordinal);
        var secrets = new Dictionary<string, Secret>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var file in Files(directory))
        {
            IReadOnlyList<JsonNode?> documents;
            try
            {
                documents = YamlToJson.Documents(File.ReadAllText(file));
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                problems.Add($"{file}: {ex.Message}");
                continue;
            }

            for (var i = 0; i < documents.Count; i++)
            {
                var where = documents.Count > 1 ? $"{file} (document {i + 1})" : file;
                try
                {
                    Add(documents[i], where, file, pods, configMaps, secrets);
                }
                catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
                {
                    problems.Add($"{where}: {ex.Message}");
                }
            }
        }

        foreach (var twice in pods.GroupBy(p => Key(p.Item1)).Where(g => g.Count() > 1))
        {
            problems.Add($"pod {twice.Key} is defined in more than one place ({string.Join(", ", twice.Select(p => p.Item2))}); none of them is run");
            pods.RemoveAll(p => Key(p.Item1) == twice.Key);
        }

        return new ManifestSet { Pods = pods, ConfigMaps = configMaps, Secrets = secrets, Problems = problems };
    }

    private static void Add(JsonNode? document, string where, string file, List<(Pod, string)> pods, Dictionary<string, ConfigMap> configMaps, Dictionary<string, Secret> secrets)
    {
        if (document is not JsonObject o) throw new FormatException("a manifest must be a mapping with apiVersion and kind");
        var apiVersion = o["apiVersion"]?.GetValue<string>();
        var kind = o["kind"]?.GetValue<string>();
        if (apiVersion != "v1" || kind is not ("Pod" or "ConfigMap" or "Secret"))
        {
            throw new FormatException($"apiVersion '{apiVersion}' kind '{kind}' is not supported in static pod mode (v1 Pod, ConfigMap and Secret are)");
        }

        var json = o.ToJsonString();
        switch (kind)
        {
            case "Pod":
                var pod = JsonSerializer.Deserialize(json, KubeJsonContext.Default.Pod)!;
                Check(pod.Metadata, "pod");
                pods.Add((pod with { Metadata = pod.Metadata with { Namespace = pod.Metadata.Namespace ?? "default" } }, file));
                break;
            case "ConfigMap":
                var map = JsonSerializer.Deserialize(json, KubeJsonContext.Default.ConfigMap)!;
                Check(map.Metadata, "ConfigMap");
                configMaps[$"{map.Metadata.Namespace ?? "default"}/{map.Metadata.Name}"] = map;
                break;
            default:
                var secret = JsonSerializer.Deserialize(json, KubeJsonContext.Default.Secret)!;
                Check(secret.Metadata, "Secret");
                // The API server merges stringData into data on write; here the reader does.
                var data = new Dictionary<string, byte[]>(secret.Data ?? new Dictionary<string, byte[]>(), StringComparer.Ordinal);
                foreach (var (key, value) in secret.StringData ?? new Dictionary<string, string>()) data[key] = System.Text.Encoding.UTF8.GetBytes(value);
                secrets[$"{secret.Metadata.Namespace ?? "default"}/{secret.Metadata.Name}"] = secret with { Data = data, StringData = null };
                break;
        }
    }

    private static void Check(ObjectMeta metadata, string what)
    {
        if (string.IsNullOrEmpty(metadata.Name)) throw new FormatException($"the {what} has no metadata.name");
    }

    private static string Key(Pod pod) => $"{pod.Metadata.Namespace}/{pod.Metadata.Name}";
}
