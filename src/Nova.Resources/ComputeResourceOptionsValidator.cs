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

        ValidatePinSets(options, ref failures);
        ValidateMyIp(options.MyIp, ref failures);
        ValidateHostStatsMaxAge(options.HostStatsMaxAge, ref failures);

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Nova's <c>_check_cpu_set_configuration</c>: each pin set must parse to at least one CPU; then, without
    /// <c>vcpu_pin_set</c>, the shared and dedicated sets must be disjoint and <c>reserved_host_cpus</c> must be
    /// unset when either is set; with <c>vcpu_pin_set</c>, the dedicated set must be unset. Nova stops at the
    /// first error; this reports every one (the rules between sets only when all three parse).
    /// </summary>
    private static void ValidatePinSets(ComputeResourceOptions options, ref List<string>? failures)
    {
        bool parsed = TryParsePinSet(options.VcpuPinSet, PinSetOption.VcpuPinSet, out var vcpuPinSet, ref failures)
            & TryParsePinSet(options.CpuSharedSet, PinSetOption.CpuSharedSet, out var sharedSet, ref failures)
            & TryParsePinSet(options.CpuDedicatedSet, PinSetOption.CpuDedicatedSet, out var dedicatedSet, ref failures);
        if (!parsed)
        {
            return;
        }

        if (vcpuPinSet is null)
        {
            if (sharedSet is not null && dedicatedSet is not null && sharedSet.Overlaps(dedicatedSet))
            {
                (failures ??= []).Add(
                    "The '[compute] cpu_dedicated_set' and '[compute] cpu_shared_set' configuration options must be disjoint."
                    + $" ({PinSetOption.CpuDedicatedSet} = {PythonRepr.Quote(options.CpuDedicatedSet)}, {PinSetOption.CpuSharedSet} = {PythonRepr.Quote(options.CpuSharedSet)})");
            }

            if ((sharedSet is not null || dedicatedSet is not null) && options.ReservedHostCpus != 0)
            {
                var values = string.Create(CultureInfo.InvariantCulture, $"reserved_host_cpus = {options.ReservedHostCpus}");
                if (sharedSet is not null)
                {
                    values += $", {PinSetOption.CpuSharedSet} = {PythonRepr.Quote(options.CpuSharedSet)}";
                }

                if (dedicatedSet is not null)
                {
                    values += $", {PinSetOption.CpuDedicatedSet} = {PythonRepr.Quote(options.CpuDedicatedSet)}";
                }

                (failures ??= []).Add(
                    "The 'reserved_host_cpus' config option cannot be defined alongside the '[compute] cpu_shared_set' or"
                    + " '[compute] cpu_dedicated_set' options. Unset 'reserved_host_cpus'."
                    + $" ({values})");
            }
        }
        else if (dedicatedSet is not null)
        {
            (failures ??= []).Add(
                "The 'vcpu_pin_set' config option has been deprecated and cannot be defined alongside"
                + " '[compute] cpu_dedicated_set'. Unset 'vcpu_pin_set'."
                + $" ({PinSetOption.VcpuPinSet} = {PythonRepr.Quote(options.VcpuPinSet)}, {PinSetOption.CpuDedicatedSet} = {PythonRepr.Quote(options.CpuDedicatedSet)})");
        }
    }

    private static bool TryParsePinSet(string? value, string optionName, out CpuSet? set, ref List<string>? failures)
    {
        try
        {
            set = PinSetOption.Parse(value, optionName);
            return true;
        }
        catch (CpuSpecFormatException ex)
        {
            // Nova's grammar messages name the rule, not the option or the whole value: add both. The
            // "No CPUs available after parsing '<option>' config, <value>" message already names them.
            string quoted = PythonRepr.Quote(value);
            string message = ex.Message.EndsWith(quoted, StringComparison.Ordinal) && ex.Message.Contains(optionName, StringComparison.Ordinal)
                ? $"Value for option {optionName} is not valid: {ex.Message}"
                : $"Value for option {optionName} is not valid: {ex.Message} (value: {quoted})";
            (failures ??= []).Add(message);
            set = null;
            return false;
        }
    }

    private static void ValidateMyIp(string? myIp, ref List<string>? failures)
    {
        // Nova stores my_ip in ComputeNode.host_ip, whose field rejects what netaddr cannot parse.
        if (!string.IsNullOrEmpty(myIp) && !IPAddress.TryParse(myIp, out _))
        {
            (failures ??= []).Add($"Value for option my_ip is not valid: failed to detect a valid IP address from {PythonRepr.Quote(myIp)}");
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
}
