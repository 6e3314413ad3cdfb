using System.Globalization;

namespace Nova.Resources;

/// <summary>
/// Which <see cref="ComputeResourceOptions.UpdateResourcesInterval"/> values the periodic audit can run with:
/// zero (every 60 s), negative (no periodic audit), or a period <see cref="PeriodicTimer"/> takes (1 ms up to
/// 4,294,967,294 ms, about 49.7 days).
/// </summary>
internal static class UpdateResourcesIntervalRule
{
    /// <summary>The shortest period a <see cref="PeriodicTimer"/> takes: one millisecond.</summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(1);

    /// <summary>The longest period a <see cref="PeriodicTimer"/> takes: <c>uint.MaxValue - 1</c> milliseconds.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>Returns why the interval cannot be used, or <see langword="null"/> when it can.</summary>
    /// <param name="interval">The configured interval.</param>
    public static string? Check(TimeSpan interval)
    {
        // PeriodicTimer truncates to whole milliseconds before it checks the range; so does this.
        long milliseconds = (long)interval.TotalMilliseconds;
        if (interval <= TimeSpan.Zero || (milliseconds >= 1 && milliseconds <= uint.MaxValue - 1))
        {
            return null;
        }

        string reason = interval > Longest
            ? $"Should be at most {Longest:c}, the longest period the audit timer takes"
            : $"Should be 0 (every 60 seconds), negative (no periodic audit) or at least {Shortest:c}";

        // A plain number binds as days ("60" is 60.00:00:00), while Nova's update_resources_interval counts seconds.
        string hint = interval.Ticks % TimeSpan.TicksPerDay == 0
            ? $"; a plain number binds as days: for {interval.Days} seconds write {TimeSpan.FromSeconds(interval.Days):c}"
            : "; write hours:minutes:seconds, such as 00:01:00 for a minute";
        return string.Create(CultureInfo.InvariantCulture, $"{reason}{hint} (value: {interval:c})");
    }
}
