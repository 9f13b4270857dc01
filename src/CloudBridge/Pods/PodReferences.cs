using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.Protocol.Images;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>What a pod's translation will read: the ConfigMaps and Secrets to fetch and the images to pin.</summary>
internal sealed record PodReferences(IReadOnlySet<string> ConfigMaps, IReadOnlySet<string> Secrets, IReadOnlySet<string> ImagesToResolve)
{
    /// <summary>Collects the references of a pod.</summary>
    public static PodReferences Collect(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var configMaps = new SortedSet<string>(StringComparer.Ordinal);
        var secrets = new SortedSet<string>(StringComparer.Ordinal);
        var images = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            if (volume.ConfigMap?.Name is { } cm) configMaps.Add(cm);
            if (volume.Secret?.SecretName is { } s) secrets.Add(s);
        }

        foreach (var pull in pod.Spec.ImagePullSecrets ?? [])
        {
            if (pull.Name is { } name) secrets.Add(name);
        }

        foreach (var container in pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []))
        {
            foreach (var from in container.EnvFrom ?? [])
            {
                if (from.ConfigMapRef?.Name is { } cm) configMaps.Add(cm);
                if (from.SecretRef?.Name is { } s) secrets.Add(s);
            }

            foreach (var env in container.Env ?? [])
            {
                if (env.ValueFrom?.ConfigMapKeyRef?.Name is { } cm) configMaps.Add(cm);
                if (env.ValueFrom?.SecretKeyRef?.Name is { } s) secrets.Add(s);
            }

            if (container.Image is { } image && ImageReference.TryParse(image, out var reference, out _) && reference.Digest is null) images.Add(image);
        }

        return new PodReferences(configMaps, secrets, images);
    }
}
