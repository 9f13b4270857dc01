namespace EdgeWasm.Protocol.Mqtt;

/// <summary>A connection ended or a connection attempt failed; the client retries after <paramref name="RetryIn"/>.</summary>
/// <param name="Reason">Why, with libmosquitto's or the broker's own words.</param>
/// <param name="WasConnected">Whether a CONNACK had been accepted on this attempt.</param>
/// <param name="RetryIn">The back-off before the next attempt.</param>
public sealed record MqttDisconnected(MqttException Reason, bool WasConnected, TimeSpan RetryIn) : MqttClientEvent;
