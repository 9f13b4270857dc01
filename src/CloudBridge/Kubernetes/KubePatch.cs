using System.Text;
using System.Text.Json.Nodes;

namespace EdgeWasm.CloudBridge.Kubernetes;

/// <summary>A patch body with its content type: JSON merge patch, JSON patch or strategic merge patch.</summary>
internal sealed record KubePatch(string ContentType, string Body)
{
    /// <summary>RFC 7386 merge patch: objects merge, null deletes, lists are replaced whole.</summary>
    public const string MergeContentType = "application/merge-patch+json";

    /// <summary>RFC 6902 JSON patch: a list of operations.</summary>
    public const string JsonContentType = "application/json-patch+json";

    /// <summary>Kubernetes strategic merge patch: like merge patch, but lists with a merge key merge by key.</summary>
    public const string StrategicMergeContentType = "application/strategic-merge-patch+json";

    /// <summary>A merge patch from a JSON object.</summary>
    public static KubePatch Merge(JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return new(MergeContentType, patch.ToJsonString());
    }

    /// <summary>A strategic merge patch from a JSON object.</summary>
    public static KubePatch StrategicMerge(JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return new(StrategicMergeContentType, patch.ToJsonString());
    }

    /// <summary>A JSON patch from its operations.</summary>
    public static KubePatch Json(params IEnumerable<JsonPatchOperation> operations)
    {
        var array = new JsonArray();
        foreach (var op in operations) array.Add(op.ToJson());
        return new(JsonContentType, array.ToJsonString());
    }

    /// <summary>Escapes one JSON pointer segment (RFC 6901): <c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>.</summary>
    public static string EscapePointer(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return new StringBuilder(segment).Replace("~", "~0").Replace("/", "~1").ToString();
    }
}
