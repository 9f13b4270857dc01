namespace EdgeWasm.CloudBridge.Tests.ApiServer;

/// <summary>A request the double received: what, when it arrived (by its clock's monotonic timestamp), and its body.</summary>
internal sealed record RecordedRequest(string Method, string Target, long Timestamp, byte[]? Body = null);
