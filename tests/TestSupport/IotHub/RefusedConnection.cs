namespace EdgeWasm.TestSupport.IotHub;

/// <summary>A CONNECT the emulator refused.</summary>
/// <param name="ClientId">The client id it named.</param>
/// <param name="ReturnCode">The CONNACK return code (2 identifier rejected, 4 bad username or password, 5 not authorized).</param>
/// <param name="Reason">Why, in the emulator's words.</param>
public sealed record RefusedConnection(string ClientId, int ReturnCode, string Reason);
