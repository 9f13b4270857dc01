namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>
/// One challenge of a <c>WWW-Authenticate</c> header (RFC 7235), e.g.
/// <c>Bearer realm="https://auth.example/token",service="registry",scope="repository:a/b:pull,push"</c>.
/// </summary>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Whether this is a Bearer (token) challenge.</summary>
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is a Basic challenge.</summary>
    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>A parameter's value, or null.</summary>
    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// Parses one header value into its challenges. Parameter names are case-insensitive; quoted values may hold
    /// commas and backslash escapes. Throws <see cref="FormatException"/> on malformed input.
    /// </summary>
    public static IReadOnlyList<AuthChallenge> Parse(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var challenges = new List<AuthChallenge>();
        var reader = new Reader(header);
        reader.SkipSeparators();
        while (!reader.AtEnd)
        {
            var scheme = reader.Token() ?? throw reader.Error("an auth scheme");
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            reader.SkipSpaces();
            while (!reader.AtEnd && reader.StartsParameter())
            {
                var name = reader.Token()!;
                reader.SkipSpaces();
                reader.Expect('=');
                reader.SkipSpaces();
                parameters[name] = reader.Peek == '"' ? reader.Quoted() : reader.Token() ?? throw reader.Error($"a value for '{name}'");
                reader.SkipSpaces();
                if (reader.AtEnd) break;
                reader.Expect(',');
                reader.SkipSeparators();
            }

            challenges.Add(new AuthChallenge(scheme, parameters));
            reader.SkipSeparators();
        }

        return challenges;
    }

    private sealed class Reader(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public char Peek => AtEnd ? '\0' : text[_at];

        public void SkipSpaces()
        {
            while (!AtEnd && text[_at] is ' ' or '\t') _at++;
        }

        public void SkipSeparators()
        {
            while (!AtEnd && text[_at] is ' ' or '\t' or ',') _at++;
        }

        // A parameter is "token =" ; a token followed by anything else starts the next challenge.
        public bool StartsParameter()
        {
            var at = _at;
            while (at < text.Length && IsTokenChar(text[at])) at++;
            if (at == _at) return false;
            while (at < text.Length && text[at] is ' ' or '\t') at++;
            return at < text.Length && text[at] == '=';
        }

        public string? Token()
        {
            var start = _at;
            while (!AtEnd && IsTokenChar(text[_at])) _at++;
            return _at > start ? text[start.._at] : null;
        }

        public string Quoted()
        {
            Expect('"');
            var value = new System.Text.StringBuilder();
            while (true)
            {
                if (AtEnd) throw Error("a closing quote");
                var c = text[_at++];
                if (c == '"') return value.ToString();
                if (c == '\\')
                {
                    if (AtEnd) throw Error("a character after '\\'");
                    c = text[_at++];
                }

                value.Append(c);
            }
        }

        public void Expect(char c)
        {
            if (Peek != c) throw Error($"'{c}'");
            _at++;
        }

        public FormatException Error(string expected) =>
            new($"WWW-Authenticate '{text}': expected {expected} at position {_at}");

        // RFC 7230 tchar, plus '/' and ':' because some servers send a realm URL unquoted.
        private static bool IsTokenChar(char c) =>
            char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~' or '/' or ':';
    }
}
