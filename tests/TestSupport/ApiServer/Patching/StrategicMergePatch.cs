using System.Text.Json.Nodes;

namespace EdgeWasm.TestSupport.ApiServer.Patching;

/// <summary>
/// Strategic merge patch for the lists the double's resources declare with a patch merge key (containers by
/// name, conditions by type, ...): such lists merge item by item, <c>$patch: delete</c> removes an item, and
/// <c>$setElementOrder/…</c> and <c>$retainKeys</c> directives are accepted. Every other list is replaced, as in a
/// merge patch. Finalizers merge as a set of strings.
/// </summary>
internal static class StrategicMergePatch
{
    private static readonly Dictionary<string, string> MergeKeys = new()
    {
        ["containers"] = "name", ["initContainers"] = "name", ["ephemeralContainers"] = "name", ["volumes"] = "name",
        ["env"] = "name", ["volumeMounts"] = "mountPath", ["ports"] = "containerPort", ["imagePullSecrets"] = "name",
        ["conditions"] = "type", ["addresses"] = "type", ["ownerReferences"] = "uid", ["containerStatuses"] = "name",
        ["initContainerStatuses"] = "name", ["readinessGates"] = "conditionType", ["hostIPs"] = "ip", ["podIPs"] = "ip",
    };

    /// <summary>Applies a strategic merge patch; malformed directives are <see cref="InvalidOperationException"/>.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) || key == "$retainKeys") continue;
            if (key == "$patch")
            {
                if ((string?)value == "replace") return StripDirectives(patchObject);
                throw new InvalidOperationException($"unknown patch directive '{value}' on an object");
            }

            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonArray patchList && key == "finalizers")
            {
                var merged = result[key] as JsonArray ?? [];
                var union = merged.Select(n => n?.ToString()).ToList();
                foreach (var item in patchList) if (!union.Contains(item?.ToString())) union.Add(item?.ToString());
                result[key] = new JsonArray([.. union.Select(s => (JsonNode?)JsonValue.Create(s))]);
            }
            else if (value is JsonArray list && MergeKeys.TryGetValue(key, out var mergeKey))
            {
                result[key] = MergeList(result[key] as JsonArray, list, mergeKey);
            }
            else
            {
                result[key] = Apply(result[key], value);
            }
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray? current, JsonArray patch, string mergeKey)
    {
        var items = (current ?? []).Select(n => n?.DeepClone()).ToList();
        foreach (var node in patch)
        {
            if (node is not JsonObject patchItem) throw new InvalidOperationException($"items of a list merged by {mergeKey} must be objects");
            var key = patchItem[mergeKey]?.ToJsonString() ?? throw new InvalidOperationException($"a list item has no merge key '{mergeKey}'");
            var index = items.FindIndex(i => i is JsonObject o && o[mergeKey]?.ToJsonString() == key);
            if ((string?)patchItem["$patch"] == "delete")
            {
                if (index >= 0) items.RemoveAt(index);
                continue;
            }

            if (index >= 0) items[index] = Apply(items[index], patchItem);
            else items.Add(StripDirectives(patchItem));
        }

        return new JsonArray([.. items]);
    }

    private static JsonObject StripDirectives(JsonObject o)
    {
        var copy = (JsonObject)o.DeepClone();
        foreach (var key in copy.Select(p => p.Key).Where(k => k.StartsWith('$')).ToList()) copy.Remove(key);
        return copy;
    }
}
