using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.IotHub;

/// <summary>How the bridge reaches IoT Hub's service API with a shared access policy (RegistryRead, RegistryWrite, ServiceConnect).</summary>
internal sealed record IotHubServiceOptions
{
    /// <summary>The hub's host name; the scope of the policy's tokens.</summary>
    public required string HostName { get; init; }

    /// <summary>The shared access policy's name.</summary>
    public required string PolicyName { get; init; }

    /// <summary>The policy's base64 key.</summary>
    public required string PolicyKey { get; init; }

    /// <summary>The service API's address; <c>https://{HostName}/</c> on a real hub.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>A CA file (PEM) the hub's certificate must chain to, instead of the system's trust store.</summary>
    public string? CaFile { get; init; }

    /// <summary>How long a SAS token the bridge signs is valid; a new one is made when a quarter of that is left.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a request waits for the hub (a direct method waits for the device on top).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often every twin is read through the query API.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Twins per query page.</summary>
    public int QueryPageSize { get; init; } = 100;

    /// <summary>How long a logs request waits for the device's answer (IoT Hub allows 5–300 s).</summary>
    public TimeSpan LogsTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether a device identity is created (with a symmetric key) the first time the bridge writes its desired state.</summary>
    public bool CreateDevices { get; init; } = true;

    /// <summary>The largest desired document (its JSON, before compression) and logs answer.</summary>
    public PayloadLimits Limits { get; init; } = PayloadLimits.Default;

    /// <summary>The largest encoded desired property, by the twin size rule.</summary>
    public int DesiredBudget { get; init; } = DesiredTwin.DefaultBudget;

    /// <summary>The service API's address as used.</summary>
    public Uri BaseAddress => Endpoint ?? new Uri($"https://{HostName}/");

    /// <summary>Options from a service connection string (<c>HostName=…;SharedAccessKeyName=…;SharedAccessKey=…</c>).</summary>
    public static IotHubServiceOptions FromConnectionString(string connectionString)
    {
        var parsed = IotHubConnectionString.ParseService(connectionString);
        return new IotHubServiceOptions { HostName = parsed.HostName, PolicyName = parsed.SharedAccessKeyName!, PolicyKey = parsed.SharedAccessKey! };
    }

    /// <summary>Throws on a value that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(HostName) || string.IsNullOrWhiteSpace(PolicyName) || string.IsNullOrWhiteSpace(PolicyKey))
        {
            throw new ArgumentException("IoT Hub needs a host name, a shared access policy and its key");
        }

        if (CaFile is not null && !File.Exists(CaFile)) throw new ArgumentException($"IoT Hub CA file '{CaFile}' does not exist");
        ArgumentOutOfRangeException.ThrowIfLessThan(TokenLifetime, TimeSpan.FromMinutes(1), nameof(TokenLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(PollInterval, TimeSpan.FromMilliseconds(100), nameof(PollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueryPageSize, 1, nameof(QueryPageSize));
        if (LogsTimeout < TimeSpan.FromSeconds(5) || LogsTimeout > TimeSpan.FromSeconds(300))
        {
            throw new ArgumentOutOfRangeException(nameof(LogsTimeout), LogsTimeout, "IoT Hub direct methods wait 5 s..300 s");
        }

        Limits.Validate();
    }
}
