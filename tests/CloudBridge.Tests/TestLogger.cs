using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Tests;

/// <summary>Collects log entries so tests can assert on them (and on the absence of unexpected errors).</summary>
internal sealed class TestLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> _entries = new();

    /// <summary>Everything logged so far.</summary>
    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Entries => [.. _entries];

    /// <summary>Entries with the given event id.</summary>
    public int Count(int eventId) => _entries.Count(e => e.Id.Id == eventId);

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, eventId, formatter(state, exception)));

    /// <summary>Fails when anything at Error or above was logged.</summary>
    public void AssertNoErrors()
    {
        var errors = _entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message).ToList();
        Assert.True(errors.Count == 0, "unexpected error logs: " + string.Join(" | ", errors));
    }
}
