using System.Text.Json.Serialization;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>A token endpoint's answer (Docker registry token authentication specification).</summary>
internal sealed record TokenResponse
{
    /// <summary>The bearer token.</summary>
    [JsonPropertyName("token")]
    public string? Token { get; init; }

    /// <summary>The OAuth 2.0 name for the same token; either may be present.</summary>
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    /// <summary>Seconds the token is valid; 60 when absent, per the specification. (issued_at is ignored on purpose:
    /// a device without a real-time clock may boot with a wrong time, so validity is counted from receipt.)</summary>
    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }
}
