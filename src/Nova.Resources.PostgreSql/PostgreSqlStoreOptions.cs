namespace Nova.Resources.PostgreSql;

/// <summary>Where the store's database is, and the name of the setting that said so (for messages).</summary>
internal sealed class PostgreSqlStoreOptions
{
    /// <summary>The configuration key the samples and the <c>IConfiguration</c> overloads read.</summary>
    public const string DefaultSettingName = "PostgreSql:ConnectionString";

    /// <summary>Gets or sets the Npgsql connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the configuration key the connection string came from, named in every start-up error.</summary>
    public string SettingName { get; set; } = DefaultSettingName;
}
