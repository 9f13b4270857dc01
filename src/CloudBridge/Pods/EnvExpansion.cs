using System.Text;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>
/// Kubernetes variable expansion in env values, command and args: <c>$(NAME)</c> becomes the variable's value,
/// <c>$$</c> becomes <c>$</c>, and a reference to an undefined variable is left as written.
/// </summary>
internal static class EnvExpansion
{
    /// <summary>Expands <paramref name="input"/>, looking names up with <paramref name="lookup"/> (null: undefined).</summary>
    public static string Expand(string input, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lookup);
        var result = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 == input.Length)
            {
                result.Append(input[i]);
                continue;
            }

            var next = input[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i++;
            }
            else if (next == '(')
            {
                var close = input.IndexOf(')', i + 2);
                if (close < 0)
                {
                    // An unterminated reference stays literal.
                    result.Append("$(");
                    i++;
                    continue;
                }

                var name = input[(i + 2)..close];
                result.Append(lookup(name) ?? $"$({name})");
                i = close;
            }
            else
            {
                result.Append('$').Append(next);
                i++;
            }
        }

        return result.ToString();
    }
}
