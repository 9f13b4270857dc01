using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>
/// metav1.Time on the wire: RFC 3339 in UTC with whole seconds (<c>2026-01-01T00:00:00Z</c>), as the API server
/// writes it. Reading accepts any RFC 3339 form, fractional seconds and offsets included.
/// </summary>
internal sealed class KubeTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ParseRfc3339(reader.GetString());

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    /// <summary>Formats a time the way metav1.Time marshals (seconds precision, UTC).</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an RFC 3339 timestamp; anything else is a <see cref="JsonException"/>.</summary>
    public static DateTimeOffset ParseRfc3339(string? text)
    {
        if (text is null || text.Length < 20 || text[10] is not ('T' or 't') ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new JsonException($"'{text}' is not an RFC 3339 timestamp");
        }

        return value;
    }
}
