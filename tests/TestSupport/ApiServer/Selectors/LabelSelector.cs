using System.Globalization;
using System.Text;

namespace EdgeWasm.TestSupport.ApiServer.Selectors;

/// <summary>
/// A parsed label selector with the grammar and semantics of apimachinery's labels.Parse: <c>k</c>, <c>!k</c>,
/// <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k&gt;1</c>, <c>k&lt;1</c>.
/// <c>!=</c> and <c>notin</c> also match objects without the key.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Requirement> _requirements;

    private LabelSelector(List<Requirement> requirements) => _requirements = requirements;

    /// <summary>Parses a selector; a malformed one throws <see cref="ApiError"/> 400.</summary>
    public static LabelSelector Parse(string? text)
    {
        var requirements = new List<Requirement>();
        if (string.IsNullOrWhiteSpace(text)) return new LabelSelector(requirements);
        var tokens = Lex(text);
        var i = 0;
        while (true)
        {
            requirements.Add(ParseRequirement(tokens, ref i));
            if (i == tokens.Count) break;
            if (tokens[i] != ",") throw Fail($"found '{tokens[i]}', expected: ',' or 'end of string'");
            i++;
        }

        return new LabelSelector(requirements);
    }

    /// <summary>Whether the labels match every requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r.Matches(labels));

    private static Requirement ParseRequirement(List<string> t, ref int i)
    {
        if (i < t.Count && t[i] == "!")
        {
            i++;
            var key = Key(t, ref i);
            return new Requirement(key, "!", []);
        }

        var k = Key(t, ref i);
        if (i == t.Count || t[i] == ",") return new Requirement(k, "exists", []);
        var op = t[i++];
        switch (op)
        {
            case "=" or "==" or "!=":
                return new Requirement(k, op == "!=" ? "!=" : "=", [Value(t, ref i, allowEmpty: true)]);
            case ">" or "<":
                var v = Value(t, ref i, allowEmpty: false);
                if (!long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) throw Fail($"for 'Gt', 'Lt' operators, the value must be an integer");
                return new Requirement(k, op, [v]);
            case "in" or "notin":
                if (i == t.Count || t[i++] != "(") throw Fail("found end of string, expected: '('");
                var values = new List<string>();
                while (true)
                {
                    if (i < t.Count && t[i] == ")" && values.Count == 0)
                    {
                        values.Add("");
                        i++;
                        break;
                    }

                    values.Add(i < t.Count && t[i] is "," or ")" ? "" : Value(t, ref i, allowEmpty: true));
                    if (i == t.Count) throw Fail("found end of string, expected: ',' or ')'");
                    var sep = t[i++];
                    if (sep == ")") break;
                    if (sep != ",") throw Fail($"found '{sep}', expected: ',' or ')'");
                }

                return new Requirement(k, op, values);
            default:
                throw Fail($"found '{op}', expected: in, notin, =, ==, !=, gt, lt");
        }
    }

    private static string Key(List<string> t, ref int i)
    {
        if (i == t.Count || IsSymbol(t[i])) throw Fail($"found '{(i == t.Count ? "end of string" : t[i])}', expected: identifier");
        var key = t[i++];
        if (NameRules.QualifiedName(key) is { } error) throw Fail($"key: Invalid value: \"{key}\": {error}");
        return key;
    }

    private static string Value(List<string> t, ref int i, bool allowEmpty)
    {
        if (i == t.Count || IsSymbol(t[i]))
        {
            if (allowEmpty) return "";
            throw Fail("found end of string, expected: identifier");
        }

        var value = t[i++];
        if (NameRules.LabelValue(value) is { } error) throw Fail($"values[0]: Invalid value: \"{value}\": {error}");
        return value;
    }

    private static bool IsSymbol(string token) => token is "!" or "=" or "==" or "!=" or ">" or "<" or "(" or ")" or ",";

    private static List<string> Lex(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is '(' or ')' or ',' or '>' or '<')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '=' || c == '!')
            {
                if (i + 1 < text.Length && text[i + 1] == '=')
                {
                    tokens.Add(text.Substring(i, 2));
                    i += 2;
                }
                else
                {
                    tokens.Add(c.ToString());
                    i++;
                }
            }
            else
            {
                var sb = new StringBuilder();
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or ',' or '=' or '!' or '>' or '<')) sb.Append(text[i++]);
                tokens.Add(sb.ToString());
            }
        }

        return tokens;
    }

    private static ApiError Fail(string detail) => ApiError.BadRequest($"unable to parse requirement: {detail}");

    private sealed record Requirement(string Key, string Op, List<string> Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var has = labels.TryGetValue(Key, out var value);
            return Op switch
            {
                "exists" => has,
                "!" => !has,
                "=" or "in" => has && Values.Contains(value!),
                "!=" or "notin" => !has || !Values.Contains(value!),
                ">" => has && long.TryParse(value, CultureInfo.InvariantCulture, out var gv) && gv > long.Parse(Values[0], CultureInfo.InvariantCulture),
                "<" => has && long.TryParse(value, CultureInfo.InvariantCulture, out var lv) && lv < long.Parse(Values[0], CultureInfo.InvariantCulture),
                _ => false,
            };
        }
    }
}
