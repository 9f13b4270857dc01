using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>A device's twin as a twin GET returns it: desired and reported properties, each with its <c>$version</c>.</summary>
/// <param name="Desired">The desired properties (still holding <c>$version</c>).</param>
/// <param name="Reported">The reported properties (still holding <c>$version</c>).</param>
public sealed record TwinProperties(JsonObject Desired, JsonObject Reported)
{
    /// <summary>The desired properties' version.</summary>
    public long DesiredVersion => VersionOf(Desired);

    /// <summary>The reported properties' version.</summary>
    public long ReportedVersion => VersionOf(Reported);

    /// <summary>The <c>$version</c> of a properties section (0 when absent).</summary>
    public static long VersionOf(JsonObject section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section["$version"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}
