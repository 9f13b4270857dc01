using System.Text.RegularExpressions;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>
/// An image reference, <c>[host[:port]/]repository[:tag][@sha256:…]</c>, with Docker's defaults: no host means
/// Docker Hub (and <c>library/</c> for a one-part name), neither tag nor digest means <c>latest</c>.
/// </summary>
internal sealed partial record ImageReference
{
    /// <summary>Docker Hub's name in references.</summary>
    public const string DockerHub = "docker.io";

    private ImageReference(string registry, string repository, string? tag, ContentDigest? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host, with its port when it has one, e.g. <c>127.0.0.1:5000</c>.</summary>
    public string Registry { get; }

    /// <summary>The repository path, e.g. <c>sensors/avg</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag, or null when the reference pins a digest only.</summary>
    public string? Tag { get; }

    /// <summary>The manifest digest, when pinned.</summary>
    public ContentDigest? Digest { get; }

    /// <summary>The host the distribution API is served from (Docker Hub's API lives on another host than its name).</summary>
    public string ApiHost => Registry == DockerHub ? "registry-1.docker.io" : Registry;

    /// <summary>Parses a reference; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static ImageReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Trim();
        if (rest.Length == 0) throw new FormatException("an image reference is empty");

        ContentDigest? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!ContentDigest.TryParse(rest[(at + 1)..], out var parsed))
            {
                throw new FormatException($"'{text}': the digest after '@' must be sha256:<64 lowercase hex>");
            }

            digest = parsed;
            rest = rest[..at];
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag)) throw new FormatException($"'{text}': tag '{tag}' is not valid (letters, digits, '_', '.', '-', at most 128)");
        }

        var registry = DockerHub;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && IsHost(rest[..slash]))
        {
            registry = rest[..slash];
            rest = rest[(slash + 1)..];
        }

        if (registry == DockerHub && !rest.Contains('/', StringComparison.Ordinal)) rest = "library/" + rest;
        if (!RepositoryPattern().IsMatch(rest))
        {
            throw new FormatException($"'{text}': repository '{rest}' is not valid (lowercase letters, digits and separators . _ - /)");
        }

        if (tag is null && digest is null) tag = "latest";
        return new ImageReference(registry, rest, tag, digest);
    }

    /// <summary>Whether the text parses.</summary>
    public static bool TryParse(string text, out ImageReference? reference)
    {
        try
        {
            reference = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            reference = null;
            return false;
        }
    }

    /// <summary>The same reference (tag kept, for display) pinned to <paramref name="digest"/>: it resolves by digest.</summary>
    public ImageReference PinnedTo(ContentDigest digest) => new(Registry, Repository, Tag, digest);

    /// <summary>The same repository pinned to <paramref name="digest"/>, without a tag.</summary>
    public ImageReference WithDigest(ContentDigest digest) => new(Registry, Repository, null, digest);

    /// <summary>The same repository at <paramref name="tag"/>, without a digest.</summary>
    public ImageReference WithTag(string tag) => Parse($"{Registry}/{Repository}:{tag}");

    /// <summary>What the API path names: the digest when pinned, else the tag.</summary>
    public string ManifestReference => Digest?.Value ?? Tag!;

    /// <summary>The credential among <paramref name="credentials"/> whose registry is this reference's, or null.
    /// Registries compare by host[:port], ignoring a scheme and path (Docker config keys carry both at times).</summary>
    public RegistryCredential? CredentialFrom(IReadOnlyList<RegistryCredential> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return credentials.FirstOrDefault(c => HostOf(c.Registry).Equals(Registry, StringComparison.OrdinalIgnoreCase))
            ?? (Registry == DockerHub ? credentials.FirstOrDefault(c => HostOf(c.Registry) is "index.docker.io" or "registry-1.docker.io") : null);
    }

    private static string HostOf(string registry)
    {
        var text = registry.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) text = text[(scheme + 3)..];
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? text[..slash] : text;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Registry}/{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is { } d ? "@" + d.Value : "")}";

    // A first path component is a host when it has a dot or a port, or is localhost (Docker's rule).
    private static bool IsHost(string component) =>
        component.Contains('.', StringComparison.Ordinal) || component.Contains(':', StringComparison.Ordinal) || component == "localhost" || component.StartsWith('[');

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();
}
