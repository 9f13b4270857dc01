using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>
/// metav1.MicroTime on the wire: RFC 3339 with exactly six fractional digits, which the API server requires when
/// it parses Lease renew times and Event eventTime.
/// </summary>
internal sealed class MicroTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        KubeTimeJsonConverter.ParseRfc3339(reader.GetString());

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    /// <summary>Formats a time the way metav1.MicroTime marshals.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);
}
