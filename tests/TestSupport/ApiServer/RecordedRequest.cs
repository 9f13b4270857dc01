namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>A request the double received: what, when it arrived (by its clock's monotonic timestamp), and its body.</summary>
public sealed record RecordedRequest(string Method, string Target, long Timestamp, byte[]? Body = null);
