using Microsoft.Extensions.Options;

namespace Nova.Resources.Libvirt;

/// <summary>Checks <see cref="LibvirtDriverOptions"/> when the host starts.</summary>
internal sealed class LibvirtDriverOptionsValidator : IValidateOptions<LibvirtDriverOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LibvirtDriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionUri))
        {
            failures.Add("LibvirtDriverOptions.ConnectionUri must be set to a libvirt URI, such as qemu:///system.");
        }

        if (string.IsNullOrWhiteSpace(options.InstancesPath))
        {
            failures.Add("LibvirtDriverOptions.InstancesPath must be set to the directory that holds the instances' disks.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
