namespace EdgeWasm.CloudBridge.Tests.ApiServer;

/// <summary>A request the double received: what, and when it arrived (by its clock's monotonic timestamp).</summary>
internal sealed record RecordedRequest(string Method, string Target, long Timestamp);
