namespace Nova.Resources.HostReport;

/// <summary>Total, used and free of one resource, with its allocation ratio.</summary>
internal sealed record ResourceLine(long Total, long Used, long Free, double AllocationRatio);
