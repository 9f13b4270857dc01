using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeWasm.CloudBridge.Tests.ApiServer;

/// <summary>How the double writes JSON: compact, and with quotes escaped as <c>\"</c> like Go's encoder rather than <c>\u0022</c>.</summary>
internal static class WireJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The node as the API server would write it.</summary>
    public static string Write(JsonNode node) => node.ToJsonString(Options);
}
