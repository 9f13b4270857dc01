using System.Text.Json.Nodes;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>Something that happened on a device's IoT Hub connection, in order.</summary>
public abstract record IotHubDeviceEvent;

/// <summary>The hub accepted the connection; the device should now get its twin (desired notifications are not kept for offline devices).</summary>
/// <param name="SessionPresent">Whether the hub kept the session.</param>
public sealed record IotHubConnected(bool SessionPresent) : IotHubDeviceEvent;

/// <summary>The connection ended; requests waiting for an answer failed.</summary>
/// <param name="Reason">Why, in the words of the MQTT client or the hub.</param>
public sealed record IotHubDisconnected(string Reason) : IotHubDeviceEvent;

/// <summary>A desired-properties change: the patch the back end applied, and the version it made.</summary>
/// <param name="Version">The desired properties' new <c>$version</c>.</param>
/// <param name="Patch">The change, as merge patch (null members remove).</param>
public sealed record IotHubDesiredPatch(long Version, JsonObject Patch) : IotHubDeviceEvent;

/// <summary>A direct method call; answer it with <see cref="IotHubDeviceClient.RespondToMethodAsync"/>.</summary>
/// <param name="Name">The method.</param>
/// <param name="RequestId">The hub's request id, to answer with.</param>
/// <param name="Payload">The request's JSON (may be empty).</param>
public sealed record IotHubMethodCall(string Name, string RequestId, byte[] Payload) : IotHubDeviceEvent;
