using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>
/// Pod volumes → preopened directories. emptyDir, configMap and secret are supported; the service account token
/// volume that admission adds to every pod is left out (workloads do not call the API); anything else rejects
/// the pod. A missing ConfigMap or Secret makes the whole pod wait, as a failed mount does on a kubelet.
/// </summary>
internal static class VolumeTranslator
{
    private const string ServiceAccountVolumePrefix = "kube-api-access-";

    /// <summary>Every pod volume by name; null marks a volume that is deliberately not mounted.</summary>
    public static IReadOnlyDictionary<string, ResolvedVolume?> Resolve(Pod pod, PodTranslationInputs inputs)
    {
        var result = new Dictionary<string, ResolvedVolume?>(StringComparer.Ordinal);
        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            result[volume.Name] = volume switch
            {
                { ConfigMap: { } cm } => FromConfigMap(volume.Name, cm, inputs),
                { Secret: { } secret } => FromSecret(volume.Name, secret, inputs),
                _ when volume.EmptyDir is not null || IsBare(volume) => new ResolvedVolume(VolumeKind.EmptyDir, [], AlwaysReadOnly: false),
                { Projected: { } projected } when IsServiceAccountVolume(volume.Name, projected) => null,
                _ => throw new PodRejectedException(Unsupported(volume)),
            };
        }

        return result;
    }

    /// <summary>The checks on a pod's volume types that reject it, without reading any content.</summary>
    public static IEnumerable<string> Problems(Pod pod)
    {
        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            var supported = volume.ConfigMap is not null || volume.Secret is not null || volume.EmptyDir is not null || IsBare(volume)
                || (volume.Projected is { } p && IsServiceAccountVolume(volume.Name, p));
            if (!supported) yield return Unsupported(volume);
        }
    }

    /// <summary>The preopens of one container, in mount order.</summary>
    public static IReadOnlyList<VolumeSpec> ForContainer(Container container, IReadOnlyDictionary<string, ResolvedVolume?> volumes)
    {
        var specs = new List<VolumeSpec>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            if (!volumes.TryGetValue(mount.Name, out var volume)) throw new PodRejectedException($"container \"{container.Name}\" mounts volume \"{mount.Name}\", which the pod does not define");
            if (volume is null) continue;
            specs.Add(new VolumeSpec
            {
                Name = mount.Name,
                GuestPath = mount.MountPath,
                Kind = volume.Kind,
                ReadOnly = volume.AlwaysReadOnly || mount.ReadOnly == true,
                Files = volume.Files,
            });
        }

        return specs;
    }

    private static ResolvedVolume FromConfigMap(string volumeName, ConfigMapVolumeSource source, PodTranslationInputs inputs)
    {
        if (!inputs.ConfigMaps.TryGetValue(source.Name ?? "", out var cm))
        {
            if (source.Optional == true) return new ResolvedVolume(VolumeKind.Files, [], AlwaysReadOnly: true);
            throw MountError(volumeName, $"configmap \"{source.Name}\" not found");
        }

        var content = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (k, v) in cm.Data ?? new Dictionary<string, string>()) content[k] = System.Text.Encoding.UTF8.GetBytes(v);
        foreach (var (k, v) in cm.BinaryData ?? new Dictionary<string, byte[]>()) content[k] = v;
        return new ResolvedVolume(VolumeKind.Files, Files(volumeName, content, source.Items, source.Optional == true, "configmap"), AlwaysReadOnly: true);
    }

    private static ResolvedVolume FromSecret(string volumeName, SecretVolumeSource source, PodTranslationInputs inputs)
    {
        if (!inputs.Secrets.TryGetValue(source.SecretName ?? "", out var secret))
        {
            if (source.Optional == true) return new ResolvedVolume(VolumeKind.Files, [], AlwaysReadOnly: true);
            throw MountError(volumeName, $"secret \"{source.SecretName}\" not found");
        }

        var content = new Dictionary<string, byte[]>(secret.Data ?? new Dictionary<string, byte[]>(), StringComparer.Ordinal);
        return new ResolvedVolume(VolumeKind.Files, Files(volumeName, content, source.Items, source.Optional == true, "secret"), AlwaysReadOnly: true);
    }

    private static List<VolumeFile> Files(string volumeName, Dictionary<string, byte[]> content, IReadOnlyList<KeyToPath>? items, bool optional, string kind)
    {
        var files = new List<VolumeFile>();
        if (items is null)
        {
            foreach (var (key, bytes) in content.OrderBy(p => p.Key, StringComparer.Ordinal)) files.Add(new VolumeFile(key, Convert.ToBase64String(bytes)));
            return files;
        }

        foreach (var item in items)
        {
            CheckPath(volumeName, item.Path);
            if (!content.TryGetValue(item.Key, out var bytes))
            {
                if (optional) continue;
                throw MountError(volumeName, $"{kind} references non-existent config key: {item.Key}");
            }

            files.Add(new VolumeFile(item.Path, Convert.ToBase64String(bytes)));
        }

        return files;
    }

    private static void CheckPath(string volumeName, string path)
    {
        if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(p => p == ".."))
        {
            throw new PodRejectedException($"volume \"{volumeName}\": item path '{path}' must be relative and must not contain '..'");
        }
    }

    // A volume with no source at all is an emptyDir: the API server defaults it so.
    private static bool IsBare(Volume volume) =>
        volume is { ConfigMap: null, Secret: null, HostPath: null, Projected: null } && (volume.Unknown is null || volume.Unknown.Count == 0);

    private static bool IsServiceAccountVolume(string name, ProjectedVolumeSource projected) =>
        name.StartsWith(ServiceAccountVolumePrefix, StringComparison.Ordinal)
        && projected.Sources?.Any(s => s.ServiceAccountToken is not null) == true
        && projected.Sources.All(s => s.Secret is null);

    private static string Unsupported(Volume volume)
    {
        var type = volume.HostPath is not null ? "hostPath"
            : volume.Projected is not null ? "projected"
            : volume.Unknown?.Keys.FirstOrDefault() ?? "unknown";
        var why = type == "hostPath" ? " (a device's filesystem is not exposed to workloads)" : "";
        return $"volume \"{volume.Name}\" of type {type} is not supported{why}; supported: emptyDir, configMap, secret";
    }

    private static ContainerConfigException MountError(string volumeName, string detail) =>
        new("ContainerCreating", $"MountVolume.SetUp failed for volume \"{volumeName}\" : {detail}");
}
