using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Nova.Resources;

/// <summary>
/// The hand-written validator of <see cref="ComputeResourceOptions"/>: the CPU pin sets and Nova's rules
/// between them (<c>LibvirtDriver._check_cpu_set_configuration</c>), <c>my_ip</c>, and the time spans.
/// Every failure is reported, each naming the option and its value.
/// </summary>
internal sealed class ComputeResourceOptionsValidator : IValidateOptions<ComputeResourceOptions>
{
    public ValidateOptionsResult Validate(string? name, ComputeResourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? failures = null;

        ValidateMyIp(options.MyIp, ref failures);
        ValidateHostStatsMaxAge(options.HostStatsMaxAge, ref failures);

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateMyIp(string? myIp, ref List<string>? failures)
    {
        // Nova stores my_ip in ComputeNode.host_ip, whose field rejects what netaddr cannot parse.
        if (!string.IsNullOrEmpty(myIp) && !IPAddress.TryParse(myIp, out _))
        {
            (failures ??= []).Add($"Value for option my_ip is not valid: failed to detect a valid IP address from {Quote(myIp)}");
        }
    }

    private static void ValidateHostStatsMaxAge(TimeSpan? maxAge, ref List<string>? failures)
    {
        if (maxAge is { } value && value <= TimeSpan.Zero)
        {
            (failures ??= []).Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Value for option {nameof(ComputeResourceOptions.HostStatsMaxAge)} is not valid: Should be greater than 0 (value: {value})"));
        }
    }

    private static string Quote(string value) => "'" + value + "'";
}
