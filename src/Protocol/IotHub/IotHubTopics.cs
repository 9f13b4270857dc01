using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>
/// The topics of IoT Hub's MQTT device protocol (api-version 2021-04-12): twin GET and reported PATCH with their
/// responses, desired-property notifications, direct methods and device-to-cloud telemetry. A device may use no
/// others; the hub closes the connection of a device that publishes anywhere else.
/// </summary>
public static class IotHubTopics
{
    /// <summary>The API version the username names.</summary>
    public const string ApiVersion = "2021-04-12";

    /// <summary>Filter for the answers to twin GET and reported PATCH requests.</summary>
    public const string TwinResponses = "$iothub/twin/res/#";

    /// <summary>Filter for desired-property change notifications.</summary>
    public const string DesiredPatches = "$iothub/twin/PATCH/properties/desired/#";

    /// <summary>Filter for direct method requests.</summary>
    public const string MethodRequests = "$iothub/methods/POST/#";

    private const string TwinResponsePrefix = "$iothub/twin/res/";
    private const string DesiredPatchPrefix = "$iothub/twin/PATCH/properties/desired/";
    private const string MethodRequestPrefix = "$iothub/methods/POST/";

    /// <summary>The MQTT username: <c>{hub host}/{device}/?api-version=2021-04-12</c>.</summary>
    public static string Username(string hostName, string deviceId) => $"{hostName}/{deviceId}/?api-version={ApiVersion}";

    /// <summary>Where a device asks for its whole twin (empty payload).</summary>
    public static string TwinGet(string requestId) => "$iothub/twin/GET/?$rid=" + requestId;

    /// <summary>Where a device sends a reported-properties patch.</summary>
    public static string ReportedPatch(string requestId) => "$iothub/twin/PATCH/properties/reported/?$rid=" + requestId;

    /// <summary>Where a device answers direct method request <paramref name="requestId"/>.</summary>
    public static string MethodResponse(int status, string requestId) => $"$iothub/methods/res/{status.ToString(CultureInfo.InvariantCulture)}/?$rid={requestId}";

    /// <summary>Where a device sends telemetry, with an optional property bag (already URL-encoded <c>a=b&amp;c=d</c>).</summary>
    public static string Telemetry(string deviceId, string? propertyBag = null) =>
        propertyBag is null ? $"devices/{deviceId}/messages/events/" : $"devices/{deviceId}/messages/events/{propertyBag}";

    /// <summary>Reads <c>$iothub/twin/res/{status}/?$rid={rid}[&amp;$version={version}]</c>.</summary>
    public static bool TryParseTwinResponse(string topic, out int status, [NotNullWhen(true)] out string? requestId, out long? version)
    {
        status = 0;
        requestId = null;
        version = null;
        if (!TrySplit(topic, TwinResponsePrefix, out var segment, out var properties)) return false;
        if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out status)) return false;
        if (!properties.TryGetValue("$rid", out requestId) || requestId.Length == 0) return false;
        if (properties.TryGetValue("$version", out var text))
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) return false;
            version = parsed;
        }

        return true;
    }

    /// <summary>Reads <c>$iothub/twin/PATCH/properties/desired/?$version={version}</c>.</summary>
    public static bool TryParseDesiredPatch(string topic, out long version)
    {
        version = 0;
        ArgumentNullException.ThrowIfNull(topic);
        if (!topic.StartsWith(DesiredPatchPrefix, StringComparison.Ordinal)) return false;
        var rest = topic[DesiredPatchPrefix.Length..];
        if (!rest.StartsWith('?')) return false;
        var properties = ParseProperties(rest[1..]);
        return properties.TryGetValue("$version", out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    /// <summary>Reads <c>$iothub/methods/POST/{name}/?$rid={rid}</c>.</summary>
    public static bool TryParseMethodRequest(string topic, [NotNullWhen(true)] out string? methodName, [NotNullWhen(true)] out string? requestId)
    {
        methodName = null;
        requestId = null;
        if (!TrySplit(topic, MethodRequestPrefix, out var segment, out var properties)) return false;
        if (segment.Length == 0 || !properties.TryGetValue("$rid", out var rid) || rid.Length == 0) return false;
        methodName = segment;
        requestId = rid;
        return true;
    }

    /// <summary>Reads a URL-encoded property bag <c>a=b&amp;c&amp;d=</c> (a key without '=' has no value).</summary>
    public static Dictionary<string, string> ParseProperties(string bag)
    {
        ArgumentNullException.ThrowIfNull(bag);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in bag.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            result[key] = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
        }

        return result;
    }

    // "{prefix}{segment}/?{properties}"
    private static bool TrySplit(string topic, string prefix, out string segment, out Dictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(topic);
        segment = "";
        properties = [];
        if (!topic.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var rest = topic[prefix.Length..];
        var separator = rest.IndexOf("/?", StringComparison.Ordinal);
        if (separator < 0) return false;
        segment = rest[..separator];
        if (segment.Contains('/', StringComparison.Ordinal)) return false;
        properties = ParseProperties(rest[(separator + 2)..]);
        return true;
    }
}
