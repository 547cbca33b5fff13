using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NewsPipeline.Tests.Infrastructure;

/// <summary>Every log line the services write, formatted as a console would show it, for tests that read the logs.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public string Text => string.Join('\n', lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}");
    }
}
