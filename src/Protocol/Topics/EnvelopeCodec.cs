using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.Protocol.Topics;

/// <summary>Turns payloads of the topic contract into bytes and back, enforcing the size limits both ways.</summary>
public static class EnvelopeCodec
{
    /// <summary>Serialises <paramref name="value"/>; throws <see cref="PayloadTooLargeException"/> when it is over <paramref name="limit"/>.</summary>
    public static byte[] Encode<T>(T value, JsonTypeInfo<T> type, TopicKind channel, int limit, string what)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type);
        if (bytes.Length > limit) throw new PayloadTooLargeException(channel, what, bytes.Length, limit);
        return bytes;
    }

    /// <summary>
    /// Reads an envelope from a payload received on a topic of <paramref name="address"/>'s device. False with a
    /// reason for a payload over <paramref name="limit"/>, malformed JSON, or an envelope that does not check out.
    /// </summary>
    public static bool TryDecode<T>(ReadOnlySpan<byte> payload, JsonTypeInfo<T> type, TopicAddress address, int limit, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? reason)
        where T : class, IEnvelope
    {
        if (!TryParse(payload, type, limit, out value, out reason)) return false;
        reason = value.Problem(address.DeviceId);
        if (reason is null) return true;
        value = null;
        return false;
    }

    /// <summary>Reads a desired document received on <paramref name="address"/>, with the transport-level checks.</summary>
    public static bool TryDecodeDesired(ReadOnlySpan<byte> payload, TopicAddress address, int limit, [NotNullWhen(true)] out DesiredState? desired, [NotNullWhen(false)] out string? reason)
    {
        desired = null;
        if (!TryParse(payload, TopicJsonContext.Default.DesiredState, limit, out var parsed, out reason)) return false;
        if (parsed.Workloads.Any(w => w is null || w.Volumes.Any(v => v is null || v.Files.Contains(null)) || w.Env.Contains(null) || w.Args.Contains(null) || w.PullCredentials.Contains(null)))
        {
            reason = "a workload, volume, file, argument, environment or credential entry is null";
            return false;
        }

        desired = parsed;
        reason = desired switch
        {
            { Schema: not DesiredState.CurrentSchema } => $"schema {desired.Schema} is not supported (this agent speaks {DesiredState.CurrentSchema})",
            { DeviceId: var id } when id != address.DeviceId => $"device id '{id}' does not match the topic's device '{address.DeviceId}'",
            { Version: < 1 } => $"version {desired.Version} is not positive",
            _ when desired.Workloads.GroupBy(w => w.Id).FirstOrDefault(g => g.Count() > 1) is { } twice => $"workload {twice.Key} appears more than once",
            _ => null,
        };
        if (reason is null) return true;
        desired = null;
        return false;
    }

    private static bool TryParse<T>(ReadOnlySpan<byte> payload, JsonTypeInfo<T> type, int limit, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? reason)
        where T : class
    {
        value = null;
        if (payload.Length > limit)
        {
            reason = $"payload of {payload.Length} bytes is over the {limit}-byte limit";
            return false;
        }

        if (payload.IsEmpty)
        {
            reason = "payload is empty";
            return false;
        }

        try
        {
            value = JsonSerializer.Deserialize(payload, type);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            // Input from the network: whatever the parser or a converter says is a refusal, never a crash.
            reason = "malformed JSON: " + ex.Message;
            return false;
        }

        reason = value is null ? "payload is the JSON literal null" : null;
        return value is not null;
    }
}
