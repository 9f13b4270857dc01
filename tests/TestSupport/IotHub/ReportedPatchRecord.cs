using System.Text.Json.Nodes;

namespace EdgeWasm.TestSupport.IotHub;

/// <summary>A reported-properties patch the emulator accepted (answered 204), in the order it accepted them.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Version">The reported properties' version after it.</param>
/// <param name="Patch">The patch as the device sent it.</param>
public sealed record ReportedPatchRecord(string DeviceId, long Version, JsonObject Patch);
