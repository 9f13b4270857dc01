using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.Protocol.Profiles;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>The downward API for environment variables: <c>fieldRef</c> and <c>resourceFieldRef</c>, valued as the kubelet values them.</summary>
internal static partial class DownwardApi
{
    /// <summary>The value of a <c>fieldRef</c>; an unsupported path rejects the pod.</summary>
    public static string FieldValue(Pod pod, ObjectFieldSelector selector, PodTranslationInputs inputs)
    {
        if (selector.ApiVersion is { Length: > 0 } v && v != "v1") throw new PodRejectedException($"fieldRef apiVersion '{v}' is not supported (only v1)");
        var path = selector.FieldPath;
        var subscript = SubscriptRegex().Match(path);
        if (subscript.Success)
        {
            var map = subscript.Groups[1].Value == "labels" ? pod.Metadata.Labels : pod.Metadata.Annotations;
            return map?.GetValueOrDefault(subscript.Groups[2].Value) ?? "";
        }

        var hostIP = inputs.HostIP ?? "";
        return path switch
        {
            "metadata.name" => pod.Metadata.Name ?? "",
            "metadata.namespace" => pod.Metadata.Namespace ?? "",
            "metadata.uid" => pod.Metadata.Uid ?? "",
            "spec.nodeName" => pod.Spec.NodeName ?? inputs.NodeName,
            "spec.serviceAccountName" => pod.Spec.ServiceAccountName ?? "",
            // Workloads listen on the device's own network, so the pod's address is the device's.
            "status.hostIP" or "status.hostIPs" or "status.podIP" or "status.podIPs" => hostIP,
            _ => throw new PodRejectedException($"fieldRef '{path}' is not supported"),
        };
    }

    /// <summary>The value of a <c>resourceFieldRef</c>: limits fall back to the device's allocatable, requests to the limits.</summary>
    public static string ResourceValue(Pod pod, Container current, ResourceFieldSelector selector, HardwareProfile profile)
    {
        var containerName = string.IsNullOrEmpty(selector.ContainerName) ? current.Name : selector.ContainerName;
        var container = pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).FirstOrDefault(c => c.Name == containerName)
            ?? throw new PodRejectedException($"resourceFieldRef names container '{containerName}', which the pod does not have");
        var parts = selector.Resource.Split('.', 2);
        if (parts.Length != 2 || parts[0] is not ("limits" or "requests") || parts[1] is not ("cpu" or "memory" or "ephemeral-storage"))
        {
            throw new PodRejectedException($"resourceFieldRef resource '{selector.Resource}' is not supported");
        }

        var divisor = Quantity.Parse(string.IsNullOrEmpty(selector.Divisor) ? "1" : selector.Divisor);
        if (divisor <= Quantity.FromInteger(0)) throw new PodRejectedException($"resourceFieldRef divisor '{selector.Divisor}' must be positive");
        var value = Amount(container, parts[0], parts[1], profile);
        // The kubelet rounds up: CPU in thousandths of the divisor's thousandths, others in whole units.
        var (numerator, denominator) = parts[1] == "cpu"
            ? (value.ScaledCeiling(-3), divisor.ScaledCeiling(-3))
            : (value.ScaledCeiling(0), divisor.ScaledCeiling(0));
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        if (remainder > 0) quotient += 1;
        return quotient.ToString(CultureInfo.InvariantCulture);
    }

    private static Quantity Amount(Container container, string kind, string resource, HardwareProfile profile)
    {
        var limits = container.Resources?.Limits;
        var requests = container.Resources?.Requests;
        if (kind == "requests")
        {
            if (requests?.TryGetValue(resource, out var request) == true) return request;
            if (limits?.TryGetValue(resource, out var limitAsRequest) == true) return limitAsRequest;
            return Quantity.FromInteger(0);
        }

        if (limits?.TryGetValue(resource, out var limit) == true) return limit;
        return resource switch
        {
            "cpu" => Quantity.FromMilli(profile.Allocatable.CpuMillis),
            "memory" => Quantity.FromBytes(profile.Allocatable.MemoryBytes),
            _ => Quantity.FromBytes(profile.Allocatable.StorageBytes),
        };
    }

    [GeneratedRegex(@"^metadata\.(labels|annotations)\['([^']*)'\]$")]
    private static partial Regex SubscriptRegex();
}
