using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeWasm.Protocol.Documents;

/// <summary>A content digest in OCI form, <c>sha256:&lt;64 lowercase hex&gt;</c>.</summary>
[JsonConverter(typeof(ContentDigestJsonConverter))]
public readonly record struct ContentDigest
{
    private ContentDigest(string value) => Value = value;

    /// <summary>The full form, e.g. <c>sha256:9f86…</c>.</summary>
    public string Value { get; }

    /// <summary>The hex part after <c>sha256:</c>.</summary>
    public string Hex => Value["sha256:".Length..];

    /// <summary>Parses and checks a digest; only sha256 is accepted.</summary>
    public static ContentDigest Parse(string text)
    {
        if (!TryParse(text, out var digest)) throw new FormatException($"'{text}' is not a sha256 digest (sha256:<64 hex>)");
        return digest;
    }

    /// <summary>Parses a digest, returning false when it is not sha256:&lt;64 lowercase hex&gt;.</summary>
    public static bool TryParse(string? text, out ContentDigest digest)
    {
        digest = default;
        if (text is null || text.Length != 71 || !text.StartsWith("sha256:", StringComparison.Ordinal)) return false;
        foreach (var c in text.AsSpan(7))
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))) return false;
        }

        digest = new ContentDigest(text);
        return true;
    }

    /// <summary>The sha256 digest of some bytes.</summary>
    public static ContentDigest Compute(ReadOnlySpan<byte> content) =>
        new("sha256:" + Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}

/// <summary>Writes a <see cref="ContentDigest"/> as its string form.</summary>
public sealed class ContentDigestJsonConverter : JsonConverter<ContentDigest>
{
    /// <inheritdoc />
    public override ContentDigest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ContentDigest.TryParse(reader.GetString(), out var d) ? d : throw new JsonException("invalid content digest");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ContentDigest value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
