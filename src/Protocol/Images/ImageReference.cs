using System.Text.RegularExpressions;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.Protocol.Images;

/// <summary>
/// An OCI image reference (<c>[registry/]repository[:tag][@sha256:…]</c>) parsed with the rules of
/// distribution/reference, which the kubelet and container runtimes use: the first component is a registry only
/// if it has a dot or a port or is <c>localhost</c>; otherwise the image is on Docker Hub (<c>docker.io</c>, with
/// <c>library/</c> for single-component names). Only sha256 digests are accepted.
/// </summary>
public sealed partial record ImageReference
{
    /// <summary>Docker Hub's canonical registry name.</summary>
    public const string DockerHub = "docker.io";

    private ImageReference(string registry, string repository, string? tag, ContentDigest? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>Registry host, with port if any, e.g. <c>127.0.0.1:5000</c> or <c>docker.io</c>.</summary>
    public string Registry { get; }

    /// <summary>Repository path in the registry, e.g. <c>sensors/avg</c> or <c>library/hello</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag, if one was given.</summary>
    public string? Tag { get; }

    /// <summary>The digest, if the reference pins one.</summary>
    public ContentDigest? Digest { get; }

    /// <summary>The host the distribution API is served from (Docker Hub's API lives on another host than its name).</summary>
    public string ApiHost => Registry == DockerHub ? "registry-1.docker.io" : Registry;

    /// <summary>The tag, or <c>latest</c> when the reference names neither a tag nor a digest.</summary>
    public string EffectiveTag => Tag ?? "latest";

    /// <summary>What to ask the registry for: the digest, else the tag, else <c>latest</c>.</summary>
    public string ManifestReference => Digest?.Value ?? Tag ?? "latest";

    /// <summary>True when no digest is pinned and the tag is <c>latest</c> or absent (the kubelet then defaults to pull Always).</summary>
    public bool IsLatest => Digest is null && (Tag is null || Tag == "latest");

    /// <summary>Parses a reference; a malformed one is a <see cref="FormatException"/> that says why.</summary>
    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference, out var error) ? reference : throw new FormatException(error);

    /// <summary>Parses a reference, returning false with the reason when it is malformed.</summary>
    public static bool TryParse(string? text, out ImageReference reference, out string error)
    {
        reference = null!;
        if (string.IsNullOrEmpty(text))
        {
            error = "the image reference is empty";
            return false;
        }

        var rest = text;
        ContentDigest? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!ContentDigest.TryParse(rest[(at + 1)..], out var d))
            {
                error = $"image reference '{text}' has an invalid digest (only sha256:<64 lowercase hex> is supported)";
                return false;
            }

            digest = d;
            rest = rest[..at];
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagRegex().IsMatch(tag))
            {
                error = $"image reference '{text}' has an invalid tag '{tag}'";
                return false;
            }
        }

        var registry = DockerHub;
        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash < 0 ? "" : rest[..firstSlash];
        if (firstSlash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"))
        {
            registry = first;
            rest = rest[(firstSlash + 1)..];
            if (!RegistryRegex().IsMatch(registry))
            {
                error = $"image reference '{text}' has an invalid registry '{registry}'";
                return false;
            }
        }

        if (registry is "index.docker.io" or "registry-1.docker.io") registry = DockerHub;
        if (registry == DockerHub && !rest.Contains('/', StringComparison.Ordinal)) rest = "library/" + rest;
        if (rest.Length == 0 || rest.Split('/').Any(c => !ComponentRegex().IsMatch(c)))
        {
            error = $"image reference '{text}' has an invalid repository '{rest}' (lowercase letters, digits and separators . _ __ - only)";
            return false;
        }

        reference = new ImageReference(registry, rest, tag, digest);
        error = "";
        return true;
    }

    /// <summary>The same image pinned to <paramref name="digest"/>.</summary>
    public ImageReference WithDigest(ContentDigest digest) => new(Registry, Repository, Tag, digest);

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

    /// <summary>The fully qualified form, e.g. <c>docker.io/library/hello:1@sha256:…</c>.</summary>
    public override string ToString() =>
        $"{Registry}/{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest.Value.Value)}";

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$")]
    private static partial Regex ComponentRegex();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagRegex();

    [GeneratedRegex("^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]+)?$")]
    private static partial Regex RegistryRegex();
}
