using EdgeWasm.EdgeAgent.Hosting;

// The agent as its own executable: `EdgeWasm.EdgeAgent --device ID --profile NAME --data DIR [--desired FILE | --mqtt URL]`
// takes the same switches as `edgewasm agent` (durations as .NET time spans, e.g. --heartbeat 00:00:05).
return await AgentHost.RunAsync(args, null, Console.Error, CancellationToken.None);
