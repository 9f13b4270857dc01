using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeWasm.Protocol.Documents;

/// <summary>Identifies a workload as <c>namespace/pod/container</c>, the way Kubernetes users name it.</summary>
[JsonConverter(typeof(WorkloadIdJsonConverter))]
public readonly record struct WorkloadId(string Namespace, string Pod, string Container)
{
    /// <summary>Parses <c>namespace/pod/container</c>.</summary>
    public static WorkloadId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty))
        {
            throw new FormatException($"workload id '{text}' is not namespace/pod/container");
        }

        return new WorkloadId(parts[0], parts[1], parts[2]);
    }

    /// <summary>The pod this workload belongs to, as <c>namespace/pod</c>.</summary>
    public string PodKey => $"{Namespace}/{Pod}";

    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Pod}/{Container}";
}

/// <summary>Writes a <see cref="WorkloadId"/> as its string form.</summary>
public sealed class WorkloadIdJsonConverter : JsonConverter<WorkloadId>
{
    /// <inheritdoc />
    public override WorkloadId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("workload id is null");
        try
        {
            return WorkloadId.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, WorkloadId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }

    /// <inheritdoc />
    public override WorkloadId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options);

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, WorkloadId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.ToString());
    }
}
