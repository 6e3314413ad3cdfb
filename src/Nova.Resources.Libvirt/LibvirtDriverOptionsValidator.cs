using System.Globalization;
using Microsoft.Extensions.Options;

namespace Nova.Resources.Libvirt;

/// <summary>
/// Checks <see cref="LibvirtDriverOptions"/> when the host starts. Messages name the configuration key first and
/// Nova's option beside it where Nova has one.
/// </summary>
internal sealed class LibvirtDriverOptionsValidator : IValidateOptions<LibvirtDriverOptions>
{
    /// <summary>The shortest <see cref="LibvirtDriverOptions.CallTimeout"/>: a local libvirt call takes microseconds, a remote one milliseconds.</summary>
    internal static readonly TimeSpan MinCallTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The longest <see cref="LibvirtDriverOptions.CallTimeout"/>; <c>30</c> binds as 30 days, which this refuses.</summary>
    internal static readonly TimeSpan MaxCallTimeout = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LibvirtDriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionUri))
        {
            failures.Add("Libvirt:ConnectionUri (Nova's [libvirt] connection_uri) must be set to a libvirt URI, such as qemu:///system.");
        }

        if (string.IsNullOrWhiteSpace(options.InstancesPath))
        {
            failures.Add("Libvirt:InstancesPath (Nova's instances_path) must be set to the directory that holds the instances' disks.");
        }

        if (options.CallTimeout < MinCallTimeout || options.CallTimeout > MaxCallTimeout)
        {
            failures.Add(string.Format(
                CultureInfo.InvariantCulture,
                "Libvirt:CallTimeout must be between {0} and {1}; it is {2}. Write a TimeSpan such as 00:00:30 (a bare number such as 30 means days).",
                MinCallTimeout,
                MaxCallTimeout,
                options.CallTimeout));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
