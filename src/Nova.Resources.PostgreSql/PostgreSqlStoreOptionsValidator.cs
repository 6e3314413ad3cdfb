using Microsoft.Extensions.Options;
using Npgsql;

namespace Nova.Resources.PostgreSql;

/// <summary>Refuses a missing or unparsable connection string at start-up, naming the setting and never its password.</summary>
internal sealed class PostgreSqlStoreOptionsValidator : IValidateOptions<PostgreSqlStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{options.SettingName} is not set: give the Npgsql connection string of the database that holds the compute-node records.");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            if (string.IsNullOrEmpty(builder.Host))
            {
                return ValidateOptionsResult.Fail($"{options.SettingName} names no Host: {ConnectionDescription.Describe(builder)}.");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return ValidateOptionsResult.Fail($"{options.SettingName} is not a valid connection string: {ConnectionDescription.Redact(ex.Message, options.ConnectionString)}");
        }

        return ValidateOptionsResult.Success;
    }
}
