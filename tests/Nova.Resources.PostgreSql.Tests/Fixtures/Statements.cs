using Microsoft.Extensions.Logging.Testing;

namespace Nova.Resources.PostgreSql.Tests.Fixtures;

/// <summary>The SQL statements an agent executed, as Npgsql logs each one it completes.</summary>
public static class Statements
{
    public static List<string> Executed(FakeLogCollector logs)
        => logs.GetSnapshot()
            .Where(r => r.Category == "Npgsql.Command" && r.Id.Name == "CommandExecutionCompleted")
            .Select(r => r.Message[(r.Message.IndexOf("): ", StringComparison.Ordinal) + 3)..])
            .ToList();

    public static List<string> Writes(FakeLogCollector logs)
        => Executed(logs)
            .Where(sql => sql.StartsWith("INSERT", StringComparison.Ordinal) || sql.StartsWith("UPDATE", StringComparison.Ordinal) || sql.StartsWith("DELETE", StringComparison.Ordinal))
            .ToList();
}
