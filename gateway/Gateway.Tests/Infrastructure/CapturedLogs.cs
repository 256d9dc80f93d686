using System.Collections.Concurrent;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace Sintestesia.Testing;

/// <summary>
/// A Serilog sink the gateway's own logging configuration names (<c>Serilog:Using</c> / <c>Serilog:WriteTo</c>), so a
/// test can read what one gateway logged without replacing how it logs.
/// </summary>
public static class CapturedLogs
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<LogEvent>> EventsByKey = new(StringComparer.Ordinal);

    /// <summary>Called by Serilog's configuration reader: <c>"WriteTo": [{ "Name": "TestCapture", "Args": { "key": … } }]</c>.</summary>
    public static LoggerConfiguration TestCapture(this LoggerSinkConfiguration writeTo, string key)
    {
        ArgumentNullException.ThrowIfNull(writeTo);
        return writeTo.Sink(new QueueSink(EventsByKey.GetOrAdd(key, _ => new())));
    }

    public static IReadOnlyList<LogEvent> For(string key) => [.. EventsByKey.GetOrAdd(key, _ => new())];

    private sealed class QueueSink(ConcurrentQueue<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
    }
}
