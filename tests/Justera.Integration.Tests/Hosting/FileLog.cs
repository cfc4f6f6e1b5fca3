using Microsoft.Extensions.Logging;

namespace Justera.Integration.Tests.Hosting;

/// <summary>
/// Writes every host's log to the file named by JUSTERA_TEST_LOG, for a developer chasing a failing test; off unless set.
/// </summary>
internal sealed class FileLog(string path) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new Writer(path, categoryName);

    public void Dispose()
    {
    }

    private sealed class Writer(string path, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Gate)
                File.AppendAllText(path, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {exception}\n");
        }
    }
}
