using System.Text.Json;

namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>A spec test script: the commands of one converted .wast file, in order.</summary>
public sealed record SpecScript(string Name, string SourceFile, IReadOnlyList<SpecCommand> Commands)
{
    /// <summary>Loads <paramref name="jsonPath"/> (wast2json output); module file names are resolved next to it.</summary>
    public static SpecScript Load(string jsonPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
        var root = json.RootElement;
        var directory = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
        var commands = root.GetProperty("commands").EnumerateArray().Select(c => ParseCommand(c, directory)).ToList();
        return new SpecScript(Path.GetFileNameWithoutExtension(jsonPath), root.GetProperty("source_filename").GetString() ?? "", commands);
    }

    private static SpecCommand ParseCommand(JsonElement c, string directory)
    {
        var type = c.GetProperty("type").GetString();
        var kind = type switch
        {
            "module" => SpecCommandKind.Module,
            "register" => SpecCommandKind.Register,
            "action" => SpecCommandKind.Action,
            "assert_return" => SpecCommandKind.AssertReturn,
            "assert_trap" => SpecCommandKind.AssertTrap,
            "assert_exhaustion" => SpecCommandKind.AssertExhaustion,
            "assert_invalid" => SpecCommandKind.AssertInvalid,
            "assert_malformed" => SpecCommandKind.AssertMalformed,
            "assert_unlinkable" => SpecCommandKind.AssertUnlinkable,
            "assert_uninstantiable" => SpecCommandKind.AssertUninstantiable,
            _ => throw new FormatException($"unknown spec command type '{type}'"),
        };

        var fileName = OptionalString(c, "filename");
        return new SpecCommand(kind, c.GetProperty("line").GetInt32())
        {
            ModuleName = OptionalString(c, "name"),
            FilePath = fileName is null ? null : Path.Combine(directory, fileName),
            Format = OptionalString(c, "module_type") == "text" || (fileName?.EndsWith(".wat", StringComparison.Ordinal) ?? false)
                ? SpecModuleFormat.Text : SpecModuleFormat.Binary,
            Text = OptionalString(c, "text"),
            RegisterAs = OptionalString(c, "as"),
            Action = c.TryGetProperty("action", out var action) ? ParseAction(action) : null,
            Expected = c.TryGetProperty("expected", out var expected) ? ParseValues(expected) : [],
        };
    }

    private static SpecAction ParseAction(JsonElement a)
    {
        var type = a.GetProperty("type").GetString();
        if (type is not ("invoke" or "get")) throw new FormatException($"unknown spec action type '{type}'");
        return new SpecAction(
            type == "invoke",
            OptionalString(a, "module"),
            a.GetProperty("field").GetString() ?? "",
            a.TryGetProperty("args", out var args) ? ParseValues(args) : []);
    }

    private static List<SpecValue> ParseValues(JsonElement values) => values.EnumerateArray().Select(v =>
    {
        var type = v.GetProperty("type").GetString() ?? "";
        if (!v.TryGetProperty("value", out var value)) return SpecValue.Parse(type, null);
        return value.ValueKind == JsonValueKind.Array
            ? SpecValue.Parse(type, null, OptionalString(v, "lane_type"), [.. value.EnumerateArray().Select(l => l.GetString() ?? "")])
            : SpecValue.Parse(type, value.GetString());
    }).ToList();

    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
