using EdgeWasm.TestSupport;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Tests.Hosting;

/// <summary>Routes every category of a host's logging into one <see cref="RecordingLogger"/>.</summary>
internal sealed class RecordingLoggerProvider(RecordingLogger logger) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => logger;

    public void Dispose()
    {
    }
}
