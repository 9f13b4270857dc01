using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgeWasm.Protocol.Tests.Profiles;

/// <summary>
/// A JSON Schema (2020-12) validator for the subset hardware/profiles/schema.json uses: type, enum, pattern, minimum,
/// maximum, properties, required and additionalProperties. A keyword outside the subset throws, so the schema cannot
/// grow a rule this validator would silently skip.
/// </summary>
internal static class JsonSchemaSubset
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description"];
    private static readonly HashSet<string> Assertions = ["type", "enum", "pattern", "minimum", "maximum", "properties", "required", "additionalProperties"];

    /// <summary>Every violation, each with the JSON path of the value.</summary>
    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement instance)
    {
        var errors = new List<string>();
        Check(schema, instance, "$", errors);
        return errors;
    }

    private static void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Annotations.Contains(keyword.Name) && !Assertions.Contains(keyword.Name))
            {
                throw new NotSupportedException($"schema keyword '{keyword.Name}' at {path} is outside the supported subset");
            }
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Any(t => IsOfType(value, t)))
            {
                errors.Add($"{path}: expected {string.Join(" or ", allowed)}, got {value.ValueKind}");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var choices) && !choices.EnumerateArray().Any(choice => JsonElement.DeepEquals(choice, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {choices.GetRawText()}");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && value.ValueKind == JsonValueKind.String
            && !Regex.IsMatch(value.GetString()!, pattern.GetString()!, RegexOptions.CultureInvariant))
        {
            errors.Add($"{path}: \"{value.GetString()}\" does not match {pattern.GetString()}");
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDecimal();
            if (schema.TryGetProperty("minimum", out var minimum) && number < minimum.GetDecimal()) errors.Add($"{path}: {Show(number)} is below the minimum {minimum.GetRawText()}");
            if (schema.TryGetProperty("maximum", out var maximum) && number > maximum.GetDecimal()) errors.Add($"{path}: {Show(number)} is above the maximum {maximum.GetRawText()}");
        }

        if (value.ValueKind != JsonValueKind.Object) return;
        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _)) errors.Add($"{path}: required property '{name}' is missing");
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, $"{path}.{property.Name}", errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{path}: property '{property.Name}' is not allowed");
            }
        }
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && decimal.IsInteger(value.GetDecimal()),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new NotSupportedException($"schema type '{type}' is outside the supported subset"),
    };

    private static string Show(decimal number) => number.ToString(CultureInfo.InvariantCulture);
}
