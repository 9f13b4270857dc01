using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>A list continue token: the snapshot's resourceVersion and the last key served, base64 JSON as etcd3's.</summary>
internal static class ContinueToken
{
    /// <summary>Encodes a token.</summary>
    public static string Encode(long resourceVersion, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = resourceVersion, ["start"] = lastKey + "\0" }.ToJsonString()));

    /// <summary>Decodes a token; a malformed one is 400.</summary>
    public static (long ResourceVersion, string StartAfter) Decode(string token)
    {
        try
        {
            var o = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)))!.AsObject();
            if ((string?)o["v"] != "meta.k8s.io/v1") throw new FormatException("unknown version");
            var start = (string)o["start"]!;
            return ((long)o["rv"]!, start.TrimEnd('\0'));
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
        {
            throw ApiError.BadRequest($"continue key is not valid: {ex.Message}");
        }
    }

    /// <summary>Formats a resourceVersion.</summary>
    public static string Rv(long value) => value.ToString(CultureInfo.InvariantCulture);
}
