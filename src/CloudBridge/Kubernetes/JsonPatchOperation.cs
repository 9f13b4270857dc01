using System.Text.Json.Nodes;

namespace EdgeWasm.CloudBridge.Kubernetes;

/// <summary>One RFC 6902 operation. Paths are JSON pointers; escape segments with <see cref="KubePatch.EscapePointer"/>.</summary>
internal sealed record JsonPatchOperation(string Op, string Path, JsonNode? Value = null, string? From = null)
{
    /// <summary>add: insert or replace a member, or insert into an array (<c>/-</c> appends).</summary>
    public static JsonPatchOperation Add(string path, JsonNode? value) => new("add", path, value);

    /// <summary>replace: the target must exist.</summary>
    public static JsonPatchOperation Replace(string path, JsonNode? value) => new("replace", path, value);

    /// <summary>remove: the target must exist.</summary>
    public static JsonPatchOperation Remove(string path) => new("remove", path);

    /// <summary>test: the patch fails unless the target equals the value (an optimistic-lock guard).</summary>
    public static JsonPatchOperation Test(string path, JsonNode? value) => new("test", path, value);

    /// <summary>The operation as a JSON object.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["op"] = Op, ["path"] = Path };
        if (From is not null) o["from"] = From;
        if (Op is "add" or "replace" or "test") o["value"] = Value?.DeepClone();
        return o;
    }
}
