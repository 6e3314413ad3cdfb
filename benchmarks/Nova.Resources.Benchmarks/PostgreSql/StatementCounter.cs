using Microsoft.Extensions.Logging;

namespace Nova.Resources.Benchmarks.PostgreSql;

/// <summary>Collects the SQL of every command Npgsql completes (its <c>Npgsql.Command</c> log), to count statements.</summary>
internal sealed class StatementCounter : ILoggerProvider
{
    private readonly List<string> _statements = [];

    public static int Writes(IReadOnlyList<string> statements)
        => statements.Count(sql => sql.StartsWith("INSERT", StringComparison.Ordinal) || sql.StartsWith("UPDATE", StringComparison.Ordinal) || sql.StartsWith("DELETE", StringComparison.Ordinal));

    /// <summary>Returns the statements seen since the last reset, and forgets them.</summary>
    public List<string> Reset()
    {
        lock (_statements)
        {
            var seen = new List<string>(_statements);
            _statements.Clear();
            return seen;
        }
    }

    public ILogger CreateLogger(string categoryName) => categoryName == "Npgsql.Command" ? new CommandLogger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class CommandLogger(StatementCounter counter) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name != "CommandExecutionCompleted")
            {
                return;
            }

            string message = formatter(state, exception);
            int start = message.IndexOf("): ", StringComparison.Ordinal);
            lock (counter._statements)
            {
                counter._statements.Add(start < 0 ? message : message[(start + 3)..]);
            }
        }
    }
}
