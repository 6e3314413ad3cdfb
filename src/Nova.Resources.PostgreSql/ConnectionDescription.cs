using Npgsql;

namespace Nova.Resources.PostgreSql;

/// <summary>Names a database in messages without its password.</summary>
internal static class ConnectionDescription
{
    public static string Describe(NpgsqlConnectionStringBuilder builder)
        => $"Host={builder.Host};Port={builder.Port};Database={builder.Database ?? "(the user's)"};Username={builder.Username ?? "(the OS user)"}";

    /// <summary>Removes the connection string's password from a message, wherever a parser quoted it.</summary>
    public static string Redact(string message, string? connectionString)
    {
        string? password = TryGetPassword(connectionString);
        return string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
    }

    private static string? TryGetPassword(string? connectionString)
    {
        if (connectionString is null)
        {
            return null;
        }

        // The builder may refuse the string: find the value by hand, as "Password=..." or "Pwd=...".
        foreach (string part in connectionString.Split(';'))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            string key = part[..equals].Trim();
            if (key.Equals("Password", StringComparison.OrdinalIgnoreCase) || key.Equals("Pwd", StringComparison.OrdinalIgnoreCase))
            {
                string value = part[(equals + 1)..].Trim().Trim('"', '\'');
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }
}
