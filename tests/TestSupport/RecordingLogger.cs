using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.TestSupport;

/// <summary>
/// A logger that keeps warnings and errors, so a test can fail on an error it did not expect
/// (and print what happened when something else fails).
/// </summary>
public sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Event, string Message)> _entries = new();

    /// <summary>Everything logged at Warning or above, in order.</summary>
    public IReadOnlyList<(LogLevel Level, EventId Event, string Message)> Entries => [.. _entries];

    /// <summary>Errors (and worse) whose event id is not in <paramref name="expected"/>.</summary>
    public IReadOnlyList<string> UnexpectedErrors(params int[] expected) =>
        [.. _entries.Where(e => e.Level >= LogLevel.Error && !expected.Contains(e.Event.Id)).Select(e => $"{e.Event.Id}: {e.Message}")];

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel)) return;
        var message = formatter(state, exception);
        if (exception is not null) message += " | " + exception.GetType().Name + ": " + exception.Message;
        _entries.Enqueue((logLevel, eventId, message));
    }
}
