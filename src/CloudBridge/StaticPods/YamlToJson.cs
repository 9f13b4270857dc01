using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>
/// YAML documents to JSON, typed as Kubernetes' YAML reader types them: plain scalars that read as integers, floats,
/// <c>true</c>/<c>false</c> or <c>null</c>/<c>~</c> become those; quoted scalars stay strings. Anchors and aliases work
/// (the representation model resolves them); tags are ignored.
/// </summary>
internal static class YamlToJson
{
    /// <summary>Every non-empty document of <paramref name="yaml"/>, as JSON.</summary>
    /// <exception cref="FormatException">The text is not YAML (the message has the line and column).</exception>
    public static IReadOnlyList<JsonNode?> Documents(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // The representation model reports some structural errors (an unclosed flow sequence) this way.
            throw new FormatException($"not valid YAML: {ex.Message}", ex);
        }

        return [.. stream.Documents.Select(d => d.RootNode).Where(n => n is not YamlScalarNode { Value: null or "" }).Select(Convert)];
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(Key(p.Key), Convert(p.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new FormatException($"unsupported YAML node at line {node.Start.Line}"),
    };

    private static string Key(YamlNode key) =>
        key is YamlScalarNode { Value: { } text } ? text : throw new FormatException($"line {key.Start.Line}: a mapping key must be a plain value");

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return JsonValue.Create(integer);
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.') && text.Any(char.IsAsciiDigit)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(text);
    }
}
