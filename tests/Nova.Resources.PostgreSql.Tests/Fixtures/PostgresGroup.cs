namespace Nova.Resources.PostgreSql.Tests.Fixtures;

/// <summary>The test classes that share <see cref="PostgresServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresGroup : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
