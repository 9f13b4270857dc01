using System.Globalization;
using System.Text.Json.Nodes;
using EdgeWasm.TestSupport;
using YamlDotNet.RepresentationModel;

namespace EdgeWasm.EndToEnd.Tests.Cluster;

/// <summary>
/// An example's pod.yaml from the repository as the JSON kubectl would send: plain scalars typed as YAML 1.2 core types
/// them (8080 a number, true a boolean), then placed on a node, renamed, and its image moved to the test's registry.
/// </summary>
internal static class ExampleManifest
{
    /// <summary>
    /// examples/<paramref name="example"/>/pod.yaml as a pod named <paramref name="name"/> on <paramref name="node"/>, its image from
    /// <paramref name="registry"/>, its containerPort replaced by <paramref name="port"/> when given (devices here share one host).
    /// </summary>
    public static JsonObject Pod(string example, string name, string node, string registry, int? port = null)
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "examples", example, "pod.yaml"))))
        {
            yaml.Load(reader);
        }

        var pod = Convert(yaml.Documents[0].RootNode)!.AsObject();
        pod["metadata"]!["name"] = name;
        pod["spec"]!["nodeName"] = node;
        foreach (var container in pod["spec"]!["containers"]!.AsArray())
        {
            container!["image"] = container["image"]!.GetValue<string>().Replace("localhost:5000", registry, StringComparison.Ordinal);
            if (port is { } p && container["ports"] is JsonArray ports) ports[0]!["containerPort"] = p;
        }

        return pod;
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Convert)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } scalar => scalar.Value == "true",
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "null" or "~" or "" } => null,
        YamlScalarNode scalar => scalar.Value,
        _ => throw new NotSupportedException(node.NodeType.ToString()),
    };
}
