using System.Net;

namespace EdgeWasm.CloudBridge.Pods.Sync;

/// <summary>How the bridge reaches registries to pin image digests.</summary>
internal sealed record RegistryDigestOptions
{
    /// <summary>Registries (host or host:port) spoken to over plain HTTP; loopback registries always are.</summary>
    public IReadOnlyList<string> PlainHttpRegistries { get; init; } = [];

    /// <summary>How long a resolved digest is reused for other pods of the same image.</summary>
    public TimeSpan CacheFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether <paramref name="registry"/> is spoken to over plain HTTP.</summary>
    public bool UsesPlainHttp(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (PlainHttpRegistries.Contains(registry, StringComparer.OrdinalIgnoreCase)) return true;
        var host = Uri.TryCreate("http://" + registry, UriKind.Absolute, out var uri) ? uri.Host : registry;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
