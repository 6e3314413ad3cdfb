namespace Nova.Resources.Overview.Placement;

/// <summary>Reads what Placement has allocated on resource providers.</summary>
internal interface IPlacementUsageReader
{
    /// <summary>Returns each existing provider's usages by resource class; a provider Placement does not know is left out.</summary>
    /// <param name="providers">The provider UUIDs (the compute nodes' UUIDs).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The usages.</returns>
    Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, long>>> ReadAsync(IReadOnlyCollection<Guid> providers, CancellationToken cancellationToken);
}
