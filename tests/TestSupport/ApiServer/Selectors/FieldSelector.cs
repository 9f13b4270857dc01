using System.Text;
using System.Text.Json.Nodes;

namespace EdgeWasm.TestSupport.ApiServer.Selectors;

/// <summary>
/// A parsed field selector (<c>a=b,c!=d</c>, with <c>\,</c> <c>\=</c> <c>\\</c> escapes). Only the fields a real
/// API server supports for the resource are accepted; any other is 400 "field label not supported".
/// </summary>
internal sealed class FieldSelector
{
    private static readonly string[] Common = ["metadata.name", "metadata.namespace"];

    private static readonly Dictionary<string, string[]> Supported = new()
    {
        ["/pods"] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        ["/nodes"] = ["spec.unschedulable"],
        ["/namespaces"] = ["status.phase"],
        ["/secrets"] = ["type"],
        ["/events"] = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
    };

    private readonly List<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(List<(string, bool, string)> terms) => _terms = terms;

    /// <summary>Parses a selector for <paramref name="resource"/>; errors are <see cref="ApiError"/> 400.</summary>
    public static FieldSelector Parse(string? text, ApiResource resource)
    {
        var terms = new List<(string, bool, string)>();
        if (string.IsNullOrWhiteSpace(text)) return new FieldSelector(terms);
        foreach (var term in SplitUnescaped(text, ','))
        {
            var (field, equal, value) = ParseTerm(term);
            var allowed = Supported.GetValueOrDefault(resource.StorageKey, []);
            if (!Common.Contains(field) && !allowed.Contains(field)) throw ApiError.BadRequest($"field label not supported: {field}");
            terms.Add((field, equal, value));
        }

        return new FieldSelector(terms);
    }

    /// <summary>Whether the object matches every term.</summary>
    public bool Matches(JsonObject item) => _terms.All(t => (Value(item, t.Field) == t.Value) == t.Equal);

    private static (string, bool, string) ParseTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            if (term[i] == '\\')
            {
                i++;
                continue;
            }

            if (term[i] == '!' && i + 1 < term.Length && term[i + 1] == '=') return (term[..i].Trim(), false, Unescape(term[(i + 2)..]));
            if (term[i] == '=')
            {
                var skip = i + 1 < term.Length && term[i + 1] == '=' ? 2 : 1;
                return (term[..i].Trim(), true, Unescape(term[(i + skip)..]));
            }
        }

        throw ApiError.BadRequest($"invalid selector: '{term}'; can't understand '{term}'");
    }

    private static string Value(JsonObject item, string field)
    {
        if (field == "source") field = "source.component";
        JsonNode? node = item;
        foreach (var part in field.Split('.')) node = node is JsonObject o ? o[part] : null;
        return node switch
        {
            null when field is "spec.hostNetwork" or "spec.unschedulable" => "false",
            null => "",
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            JsonValue v => v.ToString(),
            _ => node.ToJsonString(),
        };
    }

    private static IEnumerable<string> SplitUnescaped(string text, char separator)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                sb.Append(text[i]).Append(text[++i]);
            }
            else if (text[i] == separator)
            {
                yield return sb.ToString();
                sb.Clear();
            }
            else
            {
                sb.Append(text[i]);
            }
        }

        yield return sb.ToString();
    }

    private static string Unescape(string value)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length) i++;
            sb.Append(value[i]);
        }

        return sb.ToString();
    }
}
