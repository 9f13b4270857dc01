using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.Devices;

/// <summary>One line of the registry's journal: a reported change (MQTT), or a device's twin report (IoT Hub).</summary>
/// <param name="Change">The change, for a change line.</param>
/// <param name="DeviceId">The device, for a report line.</param>
/// <param name="Report">The report, for a report line.</param>
internal sealed record JournalEntry(ReportedChange? Change, string? DeviceId = null, TwinReport? Report = null);
