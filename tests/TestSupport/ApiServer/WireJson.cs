using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>How the double writes JSON: compact, and with quotes escaped as <c>\"</c> like Go's encoder rather than <c>\u0022</c>.</summary>
internal static class WireJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The node as the API server would write it.</summary>
    public static string Write(JsonNode node) => node.ToJsonString(Options);

    /// <summary>A time as metav1.Time marshals it: RFC 3339, UTC, whole seconds.</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
}
