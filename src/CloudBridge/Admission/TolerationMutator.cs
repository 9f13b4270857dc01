using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Nodes;

namespace EdgeWasm.CloudBridge.Admission;

/// <summary>
/// The no-eviction-storm mutation, a pure function of the pod: a pod that targets wasm32-wasi nodes gets
/// <c>node.kubernetes.io/unreachable</c> and <c>node.kubernetes.io/not-ready</c> NoExecute tolerations without
/// <c>tolerationSeconds</c>, so it stays bound while its device is away. The DefaultTolerationSeconds admission plugin
/// runs before webhooks and has already added 300-second tolerations for both keys; since the shortest matching
/// toleration wins, those are replaced. Tolerations the user wrote with other durations are left as written.
/// </summary>
internal static class TolerationMutator
{
    /// <summary>The taint the node lifecycle controller puts on a node whose Ready is Unknown.</summary>
    public const string Unreachable = "node.kubernetes.io/unreachable";

    /// <summary>The taint it puts on a node whose Ready is False.</summary>
    public const string NotReady = "node.kubernetes.io/not-ready";

    private const long AdmissionDefaultSeconds = 300;
    private static readonly string[] Keys = [NotReady, Unreachable];
    private static readonly string[] WasmKeys = ["kubernetes.io/arch", "kubernetes.io/os"];

    /// <summary>The JSON patch for <paramref name="pod"/>, or null when it needs none (not for wasm nodes, or already tolerant).</summary>
    public static JsonArray? Patch(JsonObject pod, Func<string, bool> isWasmNode)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(isWasmNode);
        if (pod["spec"] is not JsonObject spec || !TargetsWasm(spec, isWasmNode)) return null;
        var tolerations = spec["tolerations"] as JsonArray;
        var ops = new List<JsonPatchOperation>();
        var kept = new List<JsonObject>();
        for (var i = (tolerations?.Count ?? 0) - 1; i >= 0; i--)
        {
            if (tolerations![i] is not JsonObject t) continue;
            if (IsAdmissionDefault(t)) ops.Add(JsonPatchOperation.Remove($"/spec/tolerations/{i}"));
            else kept.Add(t);
        }

        var missing = Keys.Where(key => !kept.Any(t => Forever(t, key))).ToList();
        if (missing.Count == 0 && ops.Count == 0) return null;
        if (tolerations is null)
        {
            ops.Add(JsonPatchOperation.Add("/spec/tolerations", new JsonArray([.. missing.Select(Toleration)])));
        }
        else
        {
            ops.AddRange(missing.Select(key => JsonPatchOperation.Add("/spec/tolerations/-", Toleration(key))));
        }

        return [.. ops.Select(o => (JsonNode)o.ToJson())];
    }

    /// <summary>Whether the pod can only land on wasm32-wasi nodes: by nodeName, nodeSelector, required node affinity or a toleration of the wasm taint.</summary>
    public static bool TargetsWasm(JsonObject spec, Func<string, bool> isWasmNode)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(isWasmNode);
        if (spec["nodeName"]?.GetValue<string>() is { Length: > 0 } nodeName && isWasmNode(nodeName)) return true;
        if (spec["nodeSelector"] is JsonObject selector && selector.Any(p => IsWasmLabel(p.Key, p.Value?.GetValue<string>()))) return true;
        if (spec["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"] is JsonArray { Count: > 0 } terms
            && terms.All(term => (term?["matchExpressions"] as JsonArray ?? []).Any(IsWasmExpression)))
        {
            return true;
        }

        return spec["tolerations"] is JsonArray tolerations && tolerations.OfType<JsonObject>().Any(t =>
            Text(t, "key") == NodeFactory.ArchTaintKey && Text(t, "value") == NodeFactory.WasmPlatform && (Text(t, "operator") ?? "Equal") == "Equal");
    }

    private static bool IsWasmLabel(string key, string? value) =>
        (WasmKeys.Contains(key) && value == NodeFactory.WasmPlatform) || key.StartsWith("edgewasm.io/", StringComparison.Ordinal);

    private static bool IsWasmExpression(JsonNode? expression)
    {
        var key = expression?["key"]?.GetValue<string>() ?? "";
        var op = expression?["operator"]?.GetValue<string>();
        if (key.StartsWith("edgewasm.io/", StringComparison.Ordinal) && op is "In" or "Exists") return true;
        return WasmKeys.Contains(key) && op == "In" && expression?["values"] is JsonArray values
            && values.Count > 0 && values.All(v => v?.GetValue<string>() == NodeFactory.WasmPlatform);
    }

    private static bool IsAdmissionDefault(JsonObject t) =>
        Keys.Contains(Text(t, "key")) && Text(t, "operator") == "Exists" && Text(t, "effect") == "NoExecute"
        && t["tolerationSeconds"]?.GetValue<long>() == AdmissionDefaultSeconds;

    private static bool Forever(JsonObject t, string key) =>
        (Text(t, "key") == key || (string.IsNullOrEmpty(Text(t, "key")) && Text(t, "operator") == "Exists"))
        && Text(t, "effect") is null or "" or "NoExecute" && t["tolerationSeconds"] is null;

    private static JsonObject Toleration(string key) => new() { ["key"] = key, ["operator"] = "Exists", ["effect"] = "NoExecute" };

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
