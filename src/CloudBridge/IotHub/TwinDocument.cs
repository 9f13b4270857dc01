using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeWasm.CloudBridge.IotHub;

/// <summary>A device twin as the service API returns it (GET /twins/{id}, the twin query).</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Etag">The twin's etag, for If-Match.</param>
/// <param name="Connected">Whether the hub says the device is connected now.</param>
/// <param name="LastActivityTime">When the hub last heard from the device, if ever.</param>
/// <param name="Desired">Desired properties (with <c>$version</c> and <c>$metadata</c>).</param>
/// <param name="Reported">Reported properties (with <c>$version</c> and <c>$metadata</c>).</param>
internal sealed record TwinDocument(string DeviceId, string Etag, bool Connected, DateTimeOffset? LastActivityTime, JsonObject Desired, JsonObject Reported)
{
    /// <summary>Reads a twin; throws <see cref="JsonException"/> when it lacks its identity.</summary>
    public static TwinDocument Parse(JsonObject twin)
    {
        ArgumentNullException.ThrowIfNull(twin);
        var id = Text(twin["deviceId"]) ?? throw new JsonException("the twin has no deviceId");
        var etag = Text(twin["etag"]) ?? throw new JsonException($"the twin of {id} has no etag");
        var properties = twin["properties"] as JsonObject;
        DateTimeOffset? activity = DateTimeOffset.TryParse(Text(twin["lastActivityTime"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at.Year > 1 ? at : null;
        return new TwinDocument(
            id,
            etag,
            string.Equals(Text(twin["connectionState"]), "Connected", StringComparison.OrdinalIgnoreCase),
            activity,
            properties?["desired"] as JsonObject ?? [],
            properties?["reported"] as JsonObject ?? []);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
