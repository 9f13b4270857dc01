using System.Text;
using System.Text.RegularExpressions;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using DocEnvVar = EdgeWasm.Protocol.Documents.EnvVar;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>
/// A container's environment, resolved by the bridge as the kubelet resolves it: envFrom sources first, then
/// env entries in order (later ones win); literal values expand <c>$(VAR)</c> against what is defined so far;
/// optional references to missing maps or keys are left out, required ones make the container wait.
/// </summary>
internal static partial class EnvResolver
{
    /// <summary>The resolved variables, in definition order.</summary>
    public static IReadOnlyList<DocEnvVar> Resolve(Pod pod, Container container, PodTranslationInputs inputs, List<PodEventRecord> warnings)
    {
        var env = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        var ns = pod.Metadata.Namespace ?? "default";
        var invalid = new List<string>();
        foreach (var source in container.EnvFrom ?? [])
        {
            IEnumerable<KeyValuePair<string, string>> pairs;
            if (source.ConfigMapRef is { } cmRef)
            {
                if (!inputs.ConfigMaps.TryGetValue(cmRef.Name ?? "", out var cm))
                {
                    if (cmRef.Optional == true) continue;
                    throw ConfigError($"configmap \"{cmRef.Name}\" not found");
                }

                pairs = cm.Data ?? new Dictionary<string, string>();
            }
            else if (source.SecretRef is { } secretRef)
            {
                if (!inputs.Secrets.TryGetValue(secretRef.Name ?? "", out var secret))
                {
                    if (secretRef.Optional == true) continue;
                    throw ConfigError($"secret \"{secretRef.Name}\" not found");
                }

                pairs = (secret.Data ?? new Dictionary<string, byte[]>()).Select(p => KeyValuePair.Create(p.Key, Encoding.UTF8.GetString(p.Value)));
            }
            else
            {
                continue;
            }

            // Map iteration order is unspecified in the kubelet; sorting keeps desired documents stable.
            foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var name = (source.Prefix ?? "") + key;
                if (!EnvNameRegex().IsMatch(name))
                {
                    invalid.Add(name);
                    continue;
                }

                env[name] = value;
            }
        }

        if (invalid.Count > 0)
        {
            warnings.Add(new PodEventRecord(PodEventRecord.Warning, "InvalidEnvironmentVariableNames",
                $"Keys [{string.Join(", ", invalid)}] from the EnvFrom configMap or secret were skipped since they are invalid environment variable names.",
                FieldPath(pod, container)));
        }

        foreach (var variable in container.Env ?? [])
        {
            var value = variable.ValueFrom is { } from
                ? FromSource(pod, container, from, ns, inputs)
                : EnvExpansion.Expand(variable.Value ?? "", name => env.TryGetValue(name, out var v) ? v : null);
            if (value is not null) env[variable.Name] = value;
        }

        return [.. env.Select(p => new DocEnvVar(p.Key, p.Value))];
    }

    /// <summary>The field path the kubelet uses for events about a container.</summary>
    public static string FieldPath(Pod pod, Container container) =>
        pod.Spec.InitContainers?.Any(c => c.Name == container.Name) == true ? $"spec.initContainers{{{container.Name}}}" : $"spec.containers{{{container.Name}}}";

    private static string? FromSource(Pod pod, Container container, EnvVarSource source, string ns, PodTranslationInputs inputs)
    {
        if (source.FieldRef is { } fieldRef) return DownwardApi.FieldValue(pod, fieldRef, inputs);
        if (source.ResourceFieldRef is { } resourceRef) return DownwardApi.ResourceValue(pod, container, resourceRef, inputs.Profile);
        if (source.ConfigMapKeyRef is { } cmKey)
        {
            if (!inputs.ConfigMaps.TryGetValue(cmKey.Name ?? "", out var cm))
            {
                return cmKey.Optional == true ? null : throw ConfigError($"configmap \"{cmKey.Name}\" not found");
            }

            if (cm.Data?.TryGetValue(cmKey.Key, out var value) == true) return value;
            return cmKey.Optional == true ? null : throw ConfigError($"couldn't find key {cmKey.Key} in ConfigMap {ns}/{cmKey.Name}");
        }

        if (source.SecretKeyRef is { } secretKey)
        {
            if (!inputs.Secrets.TryGetValue(secretKey.Name ?? "", out var secret))
            {
                return secretKey.Optional == true ? null : throw ConfigError($"secret \"{secretKey.Name}\" not found");
            }

            if (secret.Data?.TryGetValue(secretKey.Key, out var bytes) == true) return Encoding.UTF8.GetString(bytes);
            return secretKey.Optional == true ? null : throw ConfigError($"couldn't find key {secretKey.Key} in Secret {ns}/{secretKey.Name}");
        }

        throw new PodRejectedException("an env valueFrom names no source");
    }

    private static ContainerConfigException ConfigError(string message) => new("CreateContainerConfigError", message);

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvNameRegex();
}
