using System.Net;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>How the registry client talks HTTP. Bound from the "Registry" configuration section.</summary>
internal sealed class RegistryClientOptions
{
    /// <summary>Registries (host or host:port) spoken to over plain HTTP. Loopback registries always are.</summary>
    public IList<string> PlainHttpRegistries { get; } = [];

    /// <summary>How long one request (headers and body) may take before the registry counts as unreachable.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A manifest larger than this is refused (the OCI distribution spec suggests 4 MiB).</summary>
    public long MaxManifestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(RequestTimeout, TimeSpan.FromMilliseconds(1), nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxManifestBytes, 1024, nameof(MaxManifestBytes));
    }

    /// <summary>Whether <paramref name="registry"/> is spoken to over plain HTTP.</summary>
    public bool UsesPlainHttp(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (PlainHttpRegistries.Contains(registry, StringComparer.OrdinalIgnoreCase)) return true;
        var host = Uri.TryCreate("http://" + registry, UriKind.Absolute, out var uri) ? uri.Host : registry;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
