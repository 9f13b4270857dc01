using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>Reads a quantity from a JSON string (or a bare number, as YAML manifests produce) and writes its text.</summary>
internal sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    /// <inheritdoc />
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()),
            _ => throw new JsonException($"a quantity must be a string or a number, not {reader.TokenType}"),
        };
        return Quantity.TryParse(text, out var quantity, out var error) ? quantity : throw new JsonException(error);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Text);
    }
}
