using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>
/// How a desired document travels in a twin's desired properties, whose limit is 32 KB with strings of at most 4 KB:
/// the document's JSON, gzip-compressed, base64-encoded and cut into strings of <see cref="ChunkLength"/>
/// characters, in one property <c>edgewasm</c> with the version, the length and a SHA-256 of the JSON:
/// <code>"edgewasm": {"schema": 1, "version": 12, "encoding": "gzip+base64", "bytes": 5120, "sha256": "…", "chunks": ["H4sI…", "…"]}</code>
/// The bridge always writes the whole property, so every desired-patch notification carries a whole document; the
/// chunks are an array, so a patch replaces them all (arrays are not merged). A document that does not fit is
/// refused with <see cref="PayloadTooLargeException"/>, never cut.
/// </summary>
public static class DesiredTwin
{
    /// <summary>The desired property that holds the document.</summary>
    public const string PropertyName = "edgewasm";

    /// <summary>Characters per chunk: under the 4 KB string limit.</summary>
    public const int ChunkLength = 4000;

    /// <summary>
    /// Default size budget of the property by the twin size rule: 30 KB of the 32 KB, leaving room for a few other
    /// desired properties an operator may keep on the twin.
    /// </summary>
    public const int DefaultBudget = 30 * 1024;

    private const string Encoding = "gzip+base64";

    /// <summary>The <c>edgewasm</c> property for <paramref name="desired"/>.</summary>
    /// <param name="desired">The document.</param>
    /// <param name="maxDocumentBytes">The largest document JSON accepted (the desired channel's payload limit).</param>
    /// <param name="budget">The largest encoded property, by the twin size rule.</param>
    /// <exception cref="PayloadTooLargeException">The JSON or its encoding does not fit.</exception>
    public static JsonObject Encode(DesiredState desired, int maxDocumentBytes, int budget = DefaultBudget)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var what = $"the desired document version {desired.Version} for device {desired.DeviceId}";
        var json = EnvelopeCodec.Encode(desired, TopicJsonContext.Default.DesiredState, TopicKind.Desired, maxDocumentBytes, what);
        var compressed = Compress(json);
        var base64 = Convert.ToBase64String(compressed);
        var chunks = new JsonArray();
        for (var i = 0; i < base64.Length; i += ChunkLength)
        {
            chunks.Add(base64.Substring(i, Math.Min(ChunkLength, base64.Length - i)));
        }

        var property = new JsonObject
        {
            ["schema"] = DesiredState.CurrentSchema,
            ["version"] = desired.Version,
            ["encoding"] = Encoding,
            ["bytes"] = json.Length,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(json)),
            ["chunks"] = chunks,
        };
        // The property's key counts too.
        var size = PropertyName.Length + TwinSize.Measure(property);
        if (size > budget)
        {
            throw new PayloadTooLargeException(
                TopicKind.Desired,
                $"{what} ({json.Length} bytes of JSON, {compressed.Length} compressed) encoded for an IoT Hub twin",
                (int)size,
                budget);
        }

        return property;
    }

    /// <summary>
    /// Reads the document from a twin's desired properties (the whole section, as a twin GET returns it, or as
    /// patches merged into it), checking the envelope, the hash and the document itself for device <paramref name="deviceId"/>.
    /// Never throws on bad content: the problem is in the result.
    /// </summary>
    public static DesiredTwinContent Read(JsonObject desiredSection, string deviceId, int maxDocumentBytes)
    {
        ArgumentNullException.ThrowIfNull(desiredSection);
        if (!desiredSection.TryGetPropertyValue(PropertyName, out var node) || node is null) return DesiredTwinContent.Absent;
        var size = PropertyName.Length + TwinSize.Measure(node);
        if (node is not JsonObject envelope) return Refused(size, null, null, $"desired property '{PropertyName}' is not an object");
        var version = Number(envelope, "version");
        var sha = Text(envelope, "sha256");
        string? problem = null;
        byte[]? json = null;
        if (Number(envelope, "schema") is not DesiredState.CurrentSchema) problem = $"envelope schema {envelope["schema"]?.ToJsonString() ?? "(none)"} is not {DesiredState.CurrentSchema}";
        else if (version is not >= 1) problem = "the envelope's version is missing or not positive";
        else if (Text(envelope, "encoding") != Encoding) problem = $"encoding '{Text(envelope, "encoding")}' is not {Encoding}";
        else if (sha is not { Length: 64 }) problem = "the envelope's sha256 is missing or not 64 hex digits";
        else if (Number(envelope, "bytes") is not { } bytes || bytes < 1 || bytes > maxDocumentBytes) problem = $"the document length is missing or over the {maxDocumentBytes}-byte limit";
        else problem = Unpack(envelope, (int)bytes, sha, out json);

        if (problem is not null) return Refused(size, version, sha, problem);
        if (!EnvelopeCodec.TryDecodeDesired(json, new TopicAddress(deviceId, TopicKind.Desired), maxDocumentBytes, out var desired, out var reason))
        {
            return Refused(size, version, sha, reason);
        }

        if (desired.Version != version)
        {
            return Refused(size, version, sha, $"the document's version {desired.Version} differs from the envelope's {version}");
        }

        return new DesiredTwinContent(true, desired, null, version, sha, size);
    }

    private static string? Unpack(JsonObject envelope, int bytes, string sha, out byte[]? json)
    {
        json = null;
        if (envelope["chunks"] is not JsonArray { Count: > 0 } chunks) return "the envelope has no chunks";
        var base64 = new System.Text.StringBuilder();
        foreach (var chunk in chunks)
        {
            if (chunk is not JsonValue value || value.GetValueKind() != JsonValueKind.String) return "a chunk is not a string";
            base64.Append(value.GetValue<string>());
        }

        byte[] compressed;
        try
        {
            compressed = Convert.FromBase64String(base64.ToString());
        }
        catch (FormatException)
        {
            return "the chunks are not base64";
        }

        try
        {
            using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            // One byte more than announced is enough to know it lied; a decompression bomb stops there.
            var buffer = new byte[bytes + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = input.Read(buffer, read, buffer.Length - read)) > 0) read += n;
            if (read != bytes) return $"the document decompresses to {(read > bytes ? "more than" : read.ToString(CultureInfo.InvariantCulture))} bytes, not the {bytes} announced";
            json = buffer[..bytes];
        }
        catch (InvalidDataException ex)
        {
            return "the chunks are not gzip: " + ex.Message;
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(json));
        return actual.Equals(sha, StringComparison.OrdinalIgnoreCase) ? null : $"the document's SHA-256 is {actual}, not the {sha} announced (chunks missing or mixed from two versions)";
    }

    private static byte[] Compress(byte[] json)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return output.ToArray();
    }

    private static DesiredTwinContent Refused(long size, long? version, string? sha, string problem) => new(true, null, problem, version, sha, size);

    // By the JSON text, so a value built in memory (an int) reads the same as one parsed from the wire.
    private static long? Number(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
