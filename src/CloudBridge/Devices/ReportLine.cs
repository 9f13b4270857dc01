using EdgeWasm.Protocol.IotHub;

namespace EdgeWasm.CloudBridge.Devices;

/// <summary>A twin report as a journal line; <see cref="Report"/> comes first so a reader can tell it from a change.</summary>
/// <param name="Report">The report.</param>
/// <param name="DeviceId">Its device.</param>
internal sealed record ReportLine(TwinReport Report, string DeviceId);
