using System.Globalization;
using System.Text.Json.Nodes;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>Reads integer fields whatever CLR type a JsonValue was built from (parsed, int or long).</summary>
internal static class JsonNumbers
{
    /// <summary>The integer value of a node, or null when it is absent; a non-integer is a 400.</summary>
    public static long? Long(JsonNode? node)
    {
        if (node is null) return null;
        return long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiError.BadRequest($"expected an integer, got {node.ToJsonString()}");
    }
}
