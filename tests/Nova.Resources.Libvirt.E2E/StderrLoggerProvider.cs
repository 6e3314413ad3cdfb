using Microsoft.Extensions.Logging;

namespace Nova.Resources.Libvirt.E2E;

/// <summary>Writes every log line to standard error (the test shows it when an assertion fails) and keeps the warnings.</summary>
internal sealed class StderrLoggerProvider : ILoggerProvider
{
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return [.. _warnings];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(StderrLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string message = formatter(state, exception);
            Console.Error.WriteLine($"{logLevel} {category}[{eventId.Id}]: {message}{(exception is null ? string.Empty : " " + exception)}");
            if (logLevel >= LogLevel.Warning)
            {
                lock (provider._warnings)
                {
                    provider._warnings.Add(message);
                }
            }
        }
    }
}
