using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>
/// IoT Hub's documented twin limits and size rule: 32 KB each for desired and reported properties (8 KB for tags),
/// counted as the sum of every key (UTF-8) and every simple value (strings by their characters without C0/C1 control
/// characters, numbers 8 bytes, booleans 4), leaving out read-only members such as <c>$version</c> and
/// <c>$metadata</c>; keys up to 1 KB without control characters, '.', '$' or space; strings up to 4 KB; at most
/// 10 levels deep.
/// </summary>
public static class TwinSize
{
    /// <summary>Desired properties, at most (bytes by the twin size rule).</summary>
    public const int DesiredLimit = 32 * 1024;

    /// <summary>Reported properties, at most.</summary>
    public const int ReportedLimit = 32 * 1024;

    /// <summary>Longest string value.</summary>
    public const int MaxStringLength = 4 * 1024;

    /// <summary>Longest key.</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>Deepest nesting of objects.</summary>
    public const int MaxDepth = 10;

    /// <summary>The size of a properties section (or any value in it) by the twin size rule.</summary>
    public static long Measure(JsonNode? node) => node switch
    {
        null => 0,
        JsonObject o => o.Where(p => !p.Key.StartsWith('$')).Sum(p => StringSize(p.Key) + Measure(p.Value)),
        JsonArray a => a.Sum(Measure),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => StringSize(v.GetValue<string>()),
            JsonValueKind.Number => 8,
            JsonValueKind.True or JsonValueKind.False => 4,
            _ => 0,
        },
        _ => 0,
    };

    /// <summary>Why a patch or section breaks the key, string or depth rules; null when it keeps them.</summary>
    public static string? Problem(JsonObject section) => Problem(section, "", 1);

    /// <summary>Whether <paramref name="key"/> may name a twin property.</summary>
    public static bool IsValidKey(string key) =>
        key.Length > 0 && Encoding.UTF8.GetByteCount(key) <= MaxKeyLength && !key.Any(c => char.IsControl(c) || c is '.' or '$' or ' ');

    private static string? Problem(JsonNode? node, string path, int depth)
    {
        switch (node)
        {
            case JsonObject o:
                if (depth > MaxDepth) return $"'{path}' is nested deeper than {MaxDepth} levels";
                foreach (var (key, value) in o)
                {
                    if (!IsValidKey(key)) return $"key '{key}' under '{path}' is empty, longer than {MaxKeyLength} bytes, or holds '.', '$', a space or a control character";
                    if (Problem(value, path.Length == 0 ? key : path + "." + key, depth + 1) is { } problem) return problem;
                }

                return null;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (Problem(a[i], $"{path}[{i}]", depth) is { } problem) return problem;
                }

                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && Encoding.UTF8.GetByteCount(v.GetValue<string>()) > MaxStringLength:
                return $"the string at '{path}' is longer than {MaxStringLength} bytes";
            default:
                return null;
        }
    }

    private static long StringSize(string text)
    {
        long size = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsControl(rune)) size += rune.Utf8SequenceLength;
        }

        return size;
    }
}
