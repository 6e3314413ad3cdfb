namespace Nova.Resources.Agent;

/// <summary>The simulated host's size (configuration section <c>Agent</c>).</summary>
internal sealed class AgentOptions
{
    /// <summary>Gets or sets the nodes the host manages (<c>Agent:Nodes</c>, comma-separated); unset means one node named as the host.</summary>
    public string? Nodes { get; set; }

    /// <summary>Gets or sets the vCPUs of each node (<c>Agent:Vcpus</c>).</summary>
    public int Vcpus { get; set; } = 16;

    /// <summary>Gets or sets the memory of each node in MiB (<c>Agent:MemoryMb</c>).</summary>
    public long MemoryMb { get; set; } = 65536;

    /// <summary>Gets or sets the local disk of each node in GiB (<c>Agent:LocalGb</c>).</summary>
    public long LocalGb { get; set; } = 500;

    /// <summary>Gets or sets how many simulated instances the host boots after its start-up audit (<c>Agent:Instances</c>).</summary>
    public int Instances { get; set; }

    /// <summary>Gets or sets each simulated instance's vCPUs (<c>Agent:InstanceVcpus</c>).</summary>
    public int InstanceVcpus { get; set; } = 2;

    /// <summary>Gets or sets each simulated instance's memory in MiB (<c>Agent:InstanceMemoryMb</c>).</summary>
    public long InstanceMemoryMb { get; set; } = 4096;

    /// <summary>Gets or sets each simulated instance's root disk in GiB (<c>Agent:InstanceRootGb</c>).</summary>
    public long InstanceRootGb { get; set; } = 20;

    /// <summary>
    /// Gets or sets whether the host deletes its compute-node records when it stops (<c>Agent:DeleteRecordsOnStop</c>), through
    /// the orphan deletion of a last audit that finds no node; otherwise they stay and go stale, as a crashed host's do.
    /// </summary>
    public bool DeleteRecordsOnStop { get; set; } = true;

    /// <summary>Checks the sizes.</summary>
    /// <exception cref="InvalidOperationException">A size is not positive.</exception>
    public void Validate()
    {
        if (Vcpus <= 0 || MemoryMb <= 0 || LocalGb <= 0)
        {
            throw new InvalidOperationException(
                $"Agent:Vcpus, Agent:MemoryMb and Agent:LocalGb must be positive; they are {Vcpus}, {MemoryMb} and {LocalGb}.");
        }

        if (Instances < 0 || InstanceVcpus <= 0 || InstanceMemoryMb <= 0 || InstanceRootGb < 0)
        {
            throw new InvalidOperationException(
                $"Agent:Instances must be 0 or more and each instance's size positive; they are {Instances}, {InstanceVcpus} vCPUs, {InstanceMemoryMb} MiB, {InstanceRootGb} GiB.");
        }
    }

    /// <summary>Returns the node names: <see cref="Nodes"/>, or the host's name.</summary>
    /// <param name="host">The compute host.</param>
    /// <returns>The node names.</returns>
    public string[] NodeNames(string host)
        => string.IsNullOrWhiteSpace(Nodes)
            ? [host]
            : Nodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
