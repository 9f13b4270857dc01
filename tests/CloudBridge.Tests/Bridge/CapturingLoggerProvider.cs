using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Tests.Bridge;

/// <summary>Captures every log entry of a host (all categories), so tests can wait for one and fail on unexpected errors.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, int Id, string Category, string Message)> _entries = new();

    /// <summary>Everything logged so far.</summary>
    public IReadOnlyList<(LogLevel Level, int Id, string Category, string Message)> Entries => [.. _entries];

    /// <summary>How many entries carry event id <paramref name="id"/>.</summary>
    public int Count(int id) => _entries.Count(e => e.Id == id);

    /// <summary>Errors whose event id is not in <paramref name="expected"/>.</summary>
    public IReadOnlyList<string> UnexpectedErrors(params int[] expected) =>
        [.. _entries.Where(e => e.Level >= LogLevel.Error && !expected.Contains(e.Id)).Select(e => $"{e.Category}[{e.Id}]: {e.Message}")];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (exception is not null) message += " | " + exception.GetType().Name + ": " + exception.Message;
            owner._entries.Enqueue((logLevel, eventId.Id, category, message));
        }
    }
}
