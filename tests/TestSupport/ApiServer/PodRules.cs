using System.Text.Json.Nodes;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>What a real API server does to pods beyond generic storage: defaulting, admission, update rules, graceful delete.</summary>
internal static class PodRules
{
    private const string ImmutableSpecMessage =
        "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    /// <summary>Defaulting and admission on create: spec defaults, DefaultTolerationSeconds, and a fresh Pending status.</summary>
    public static void OnCreate(JsonObject pod)
    {
        var spec = pod["spec"] as JsonObject ?? new JsonObject();
        pod["spec"] = spec;
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        spec["enableServiceLinks"] ??= true;
        spec["securityContext"] ??= new JsonObject();
        foreach (var listName in new[] { "initContainers", "containers" })
        {
            foreach (var c in (spec[listName] as JsonArray ?? []).OfType<JsonObject>())
            {
                c["imagePullPolicy"] ??= DefaultPullPolicy((string?)c["image"] ?? "");
                c["terminationMessagePath"] ??= "/dev/termination-log";
                c["terminationMessagePolicy"] ??= "File";
                var resources = c["resources"] as JsonObject ?? new JsonObject();
                c["resources"] = resources;
                // Requests default to limits where only a limit is given.
                if (resources["limits"] is JsonObject limits)
                {
                    var requests = resources["requests"] as JsonObject ?? new JsonObject();
                    foreach (var (k, v) in limits) requests[k] ??= v?.DeepClone();
                    resources["requests"] = requests;
                }
            }
        }

        var tolerations = spec["tolerations"] as JsonArray ?? [];
        foreach (var taint in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            if (!Tolerates(tolerations, taint))
            {
                tolerations.Add(new JsonObject { ["key"] = taint, ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 });
            }
        }

        spec["tolerations"] = tolerations;
        pod["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = QosClass(spec) };
    }

    /// <summary>Only images, activeDeadlineSeconds, added tolerations and the grace period may change in a pod's spec.</summary>
    public static void ValidateSpecUpdate(ApiResource resource, string name, JsonObject oldPod, JsonObject newPod)
    {
        var before = (JsonObject?)oldPod["spec"]?.DeepClone() ?? [];
        var after = (JsonObject?)newPod["spec"]?.DeepClone() ?? [];
        foreach (var listName in new[] { "initContainers", "containers" })
        {
            if (before[listName] is JsonArray a && after[listName] is JsonArray b && a.Count == b.Count)
            {
                for (var i = 0; i < a.Count; i++)
                {
                    if (b[i] is JsonObject bc && a[i] is JsonObject ac) bc["image"] = ac["image"]?.DeepClone();
                }
            }
        }

        var oldTolerations = before["tolerations"] as JsonArray ?? [];
        var newTolerations = after["tolerations"] as JsonArray ?? [];
        var onlyAdded = oldTolerations.All(o => newTolerations.Any(n => JsonNode.DeepEquals(o, n)));
        if (onlyAdded) after["tolerations"] = oldTolerations.DeepClone();
        foreach (var field in new[] { "activeDeadlineSeconds", "terminationGracePeriodSeconds" }) after[field] = before[field]?.DeepClone();
        if (before["activeDeadlineSeconds"] is null) after.Remove("activeDeadlineSeconds");
        if (!JsonNode.DeepEquals(before, after)) throw ApiError.Invalid(resource, name, "spec", ImmutableSpecMessage, "FieldValueForbidden");
    }

    /// <summary>Checks a pod's spec on create: containers present, named and with an image.</summary>
    public static void Validate(ApiResource resource, string name, JsonObject pod)
    {
        if (pod["spec"]?["containers"] is not JsonArray { Count: > 0 } containers) throw ApiError.Invalid(resource, name, "spec.containers", "Required value", "FieldValueRequired");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var all = containers.Concat(pod["spec"]?["initContainers"] as JsonArray ?? []).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            var field = i < containers.Count ? $"spec.containers[{i}]" : $"spec.initContainers[{i - containers.Count}]";
            var containerName = (string?)all[i]?["name"] ?? "";
            if (NameRules.Label(containerName) is { } error) throw ApiError.Invalid(resource, name, field + ".name", $"Invalid value: \"{containerName}\": {error}");
            if (!names.Add(containerName)) throw ApiError.Invalid(resource, name, field + ".name", $"Duplicate value: \"{containerName}\"", "FieldValueDuplicate");
            if (string.IsNullOrEmpty((string?)all[i]?["image"])) throw ApiError.Invalid(resource, name, field + ".image", "Required value", "FieldValueRequired");
        }
    }

    /// <summary>The grace period a delete gets: 0 for unscheduled or terminal pods, else the option or the spec's.</summary>
    public static long GracePeriod(JsonObject pod, long? requested)
    {
        if (string.IsNullOrEmpty((string?)pod["spec"]?["nodeName"])) return 0;
        if ((string?)pod["status"]?["phase"] is "Succeeded" or "Failed") return 0;
        var grace = requested ?? JsonNumbers.Long(pod["spec"]?["terminationGracePeriodSeconds"]) ?? 30;
        return Math.Max(0, grace);
    }

    private static string DefaultPullPolicy(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal)) return "IfNotPresent";
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var colon = lastSegment.LastIndexOf(':');
        return colon < 0 || lastSegment[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    private static bool Tolerates(JsonArray tolerations, string key) => tolerations.OfType<JsonObject>().Any(t =>
        ((string?)t["key"] == key || (string.IsNullOrEmpty((string?)t["key"]) && (string?)t["operator"] == "Exists"))
        && ((string?)t["effect"] is null or "" or "NoExecute"));

    private static string QosClass(JsonObject spec)
    {
        var containers = (spec["containers"] as JsonArray ?? []).Concat(spec["initContainers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var any = false;
        var guaranteed = true;
        foreach (var c in containers)
        {
            var limits = c["resources"]?["limits"] as JsonObject;
            var requests = c["resources"]?["requests"] as JsonObject;
            any |= limits is { Count: > 0 } || requests is { Count: > 0 };
            foreach (var resourceName in new[] { "cpu", "memory" })
            {
                var limit = (string?)limits?[resourceName]?.ToString();
                var request = (string?)requests?[resourceName]?.ToString();
                if (limit is null || request is null || !WireQuantity.SameValue(limit, request)) guaranteed = false;
            }
        }

        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}
