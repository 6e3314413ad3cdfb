using Microsoft.Extensions.Logging;

namespace Nova.Resources.Placement.Reporting;

internal static partial class Log
{
    [LoggerMessage(1401, LogLevel.Information, "Created resource provider record via placement API for resource provider with UUID {Uuid} and name {Name}.")]
    public static partial void ProviderCreated(ILogger logger, Guid uuid, string name);

    [LoggerMessage(1402, LogLevel.Debug, "Refreshing inventories and trait associations for resource provider {Uuid} (generation {Generation})")]
    public static partial void ProviderRefreshed(ILogger logger, Guid uuid, long generation);

    [LoggerMessage(1403, LogLevel.Debug, "Updated inventory for provider {Uuid} with generation {Generation} in Placement: {Classes}")]
    public static partial void InventoryUpdated(ILogger logger, Guid uuid, long generation, string classes);

    [LoggerMessage(1404, LogLevel.Debug, "Updated traits for provider {Uuid} with generation {Generation} in Placement: {Traits}")]
    public static partial void TraitsUpdated(ILogger logger, Guid uuid, long generation, string traits);

    [LoggerMessage(1405, LogLevel.Warning, "Resource provider {Uuid} of node {Node} changed in Placement meanwhile (attempt {Attempt} of {Attempts}); reading it again: {Detail}")]
    public static partial void Redriving(ILogger logger, Guid uuid, string node, int attempt, int attempts, string? detail);

    [LoggerMessage(1406, LogLevel.Information, "Deleted resource provider {Uuid}")]
    public static partial void ProviderDeleted(ILogger logger, Guid uuid);

    [LoggerMessage(1407, LogLevel.Debug, "Resource provider {Uuid} of node {Node} was already gone from Placement")]
    public static partial void ProviderAlreadyDeleted(ILogger logger, Guid uuid, string node);
}
