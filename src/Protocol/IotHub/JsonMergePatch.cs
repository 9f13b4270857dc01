using System.Text.Json.Nodes;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>
/// The patch semantics of twin properties (as RFC 7386 JSON merge patch): members of a patch object add or replace
/// members, nested objects merge, <c>null</c> removes, anything else (arrays included) replaces whole.
/// </summary>
public static class JsonMergePatch
{
    /// <summary>Applies <paramref name="patch"/> to <paramref name="target"/> in place. Members whose name starts with '$' are skipped.</summary>
    public static void Apply(JsonObject target, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(patch);
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$')) continue;
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObject && target[key] is JsonObject existing)
            {
                Apply(existing, patchObject);
            }
            else
            {
                target[key] = Strip(value);
            }
        }
    }

    /// <summary>The smallest patch that turns <paramref name="from"/> (null: empty) into <paramref name="to"/>; empty when they are equal.</summary>
    public static JsonObject Diff(JsonObject? from, JsonObject to)
    {
        ArgumentNullException.ThrowIfNull(to);
        var patch = new JsonObject();
        if (from is not null)
        {
            foreach (var (key, _) in from)
            {
                if (!key.StartsWith('$') && !to.ContainsKey(key)) patch[key] = null;
            }
        }

        foreach (var (key, value) in to)
        {
            if (key.StartsWith('$')) continue;
            var old = from?[key];
            if (value is JsonObject toObject && old is JsonObject fromObject)
            {
                var nested = Diff(fromObject, toObject);
                if (nested.Count > 0) patch[key] = nested;
            }
            else if (value is null || old is null || !JsonNode.DeepEquals(old, value))
            {
                // A null in the target means "absent": it is never written (a null patch member removes).
                if (value is not null) patch[key] = Strip(value);
            }
        }

        return patch;
    }

    // A copy that can be attached elsewhere, without '$' members and without nulls (which a stored twin never holds).
    private static JsonNode? Strip(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => !p.Key.StartsWith('$') && p.Value is not null).Select(p => KeyValuePair.Create(p.Key, Strip(p.Value)))),
        _ => node?.DeepClone(),
    };
}
