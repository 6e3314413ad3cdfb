using Microsoft.Extensions.Hosting;

namespace Nova.Resources.PostgreSql;

/// <summary>
/// Makes the schema current while the host starts, before the start-up audit, so that a wrong connection string
/// or a role without rights stops the host with a message naming the setting.
/// </summary>
internal sealed class PostgreSqlSchemaService(PostgreSqlDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureSchemaAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
