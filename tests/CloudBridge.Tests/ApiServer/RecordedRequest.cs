namespace EdgeWasm.CloudBridge.Tests.ApiServer;

/// <summary>A request the double received: what, when (by its clock's monotonic timestamp), and how it was answered.</summary>
internal sealed record RecordedRequest(string Method, string Target, long Timestamp, int Status);
