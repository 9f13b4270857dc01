using System.Globalization;
using System.Text.Json.Nodes;

namespace EdgeWasm.TestSupport.ApiServer.Patching;

/// <summary>RFC 6902 JSON patch with RFC 6901 pointers. A failing operation fails the whole patch.</summary>
public static class JsonPatch
{
    /// <summary>Applies the operations to a copy of <paramref name="document"/>; errors are <see cref="InvalidOperationException"/>.</summary>
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var doc = document.DeepClone();
        foreach (var node in operations)
        {
            if (node is not JsonObject op) throw new InvalidOperationException("a JSON patch operation must be an object");
            var kind = (string?)op["op"] ?? throw new InvalidOperationException("missing op");
            var path = (string?)op["path"] ?? throw new InvalidOperationException("missing path");
            switch (kind)
            {
                case "add":
                    doc = Add(doc, path, Value(op));
                    break;
                case "remove":
                    doc = Remove(doc, path, out _);
                    break;
                case "replace":
                    doc = Remove(doc, path, out _);
                    doc = Add(doc, path, Value(op));
                    break;
                case "move":
                    var from = (string?)op["from"] ?? throw new InvalidOperationException("missing from");
                    if (path.StartsWith(from + "/", StringComparison.Ordinal)) throw new InvalidOperationException("cannot move a value into one of its children");
                    doc = Remove(doc, from, out var moved);
                    doc = Add(doc, path, moved);
                    break;
                case "copy":
                    var source = Get(doc, (string?)op["from"] ?? throw new InvalidOperationException("missing from"));
                    doc = Add(doc, path, source?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(doc, path), Value(op))) throw new InvalidOperationException($"testing value {path} failed");
                    break;
                default:
                    throw new InvalidOperationException($"unexpected op '{kind}'");
            }
        }

        return doc;
    }

    private static JsonNode? Value(JsonObject op) =>
        op.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw new InvalidOperationException("missing value");

    private static List<string> Segments(string pointer)
    {
        if (pointer.Length == 0) return [];
        if (pointer[0] != '/') throw new InvalidOperationException($"invalid JSON pointer '{pointer}'");
        return [.. pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }

    private static JsonNode? Get(JsonNode doc, string pointer)
    {
        JsonNode? node = doc;
        foreach (var segment in Segments(pointer))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(segment, out var child) => child,
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var idx) && idx < a.Count => a[idx],
                _ => throw new InvalidOperationException($"path {pointer} does not exist"),
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode doc, string pointer, JsonNode? value)
    {
        var segments = Segments(pointer);
        if (segments.Count == 0) return value ?? throw new InvalidOperationException("cannot replace the document with null");
        var parent = Get(doc, "/" + string.Join('/', segments[..^1].Select(Escape)));
        var last = segments[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var idx) && idx <= a.Count:
                a.Insert(idx, value);
                break;
            default:
                throw new InvalidOperationException($"path {pointer} cannot be added to");
        }

        return doc;
    }

    private static JsonNode Remove(JsonNode doc, string pointer, out JsonNode? removed)
    {
        var segments = Segments(pointer);
        if (segments.Count == 0) throw new InvalidOperationException("cannot remove the whole document");
        var parent = Get(doc, "/" + string.Join('/', segments[..^1].Select(Escape)));
        var last = segments[^1];
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(last, out var child):
                removed = child;
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var idx) && idx < a.Count:
                removed = a[idx];
                a.RemoveAt(idx);
                break;
            default:
                throw new InvalidOperationException($"path {pointer} does not exist");
        }

        removed = removed?.DeepClone();
        return doc;
    }

    private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
