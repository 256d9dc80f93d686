using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sintestesia.TenantConfig.Tests.Infrastructure;

/// <summary>Keeps every entry logged at <see cref="LogLevel.Information"/> or above, for tests of what ops would see.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            _entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
