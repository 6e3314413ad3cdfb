using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Nova.Resources;

/// <summary>
/// The validator of <see cref="ComputeResourceOptions"/>: the simple ranges (the source-generated
/// <see cref="ComputeResourceOptionsRangeValidator"/>), the CPU pin sets and Nova's rules between them
/// (<c>LibvirtDriver._check_cpu_set_configuration</c>), <c>my_ip</c>, and the time spans. Every failure is
/// reported, each naming the configuration key first, Nova's option name beside it, and the value.
/// </summary>
internal sealed class ComputeResourceOptionsValidator : IValidateOptions<ComputeResourceOptions>
{
    private static readonly ComputeResourceOptionsRangeValidator Ranges = new();
    private readonly ComputeResourceOptionKeys _keys;

    /// <summary>Creates the validator for options set in code (messages name the properties).</summary>
    public ComputeResourceOptionsValidator()
        : this(ComputeResourceOptionKeys.Unbound)
    {
    }

    /// <summary>Creates the validator whose messages name options by <paramref name="keys"/>.</summary>
    public ComputeResourceOptionsValidator(ComputeResourceOptionKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    public ValidateOptionsResult Validate(string? name, ComputeResourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? failures = null;

        ValidateRanges(name, options, ref failures);
        ValidatePinSets(options, ref failures);
        ValidateMyIp(options.MyIp, ref failures);
        ValidateTimeSpans(options, ref failures);

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The generated range checks name the bare property; the section, when there is one, goes before it.</summary>
    private void ValidateRanges(string? name, ComputeResourceOptions options, ref List<string>? failures)
    {
        const string Prefix = "Value for option ";
        var result = Ranges.Validate(name, options);
        if (!result.Failed)
        {
            return;
        }

        foreach (string failure in result.Failures)
        {
            (failures ??= []).Add(_keys.SectionPath is { } section && failure.StartsWith(Prefix, StringComparison.Ordinal)
                ? string.Concat(Prefix, section, ":", failure.AsSpan(Prefix.Length))
                : failure);
        }
    }

    /// <summary>
    /// Nova's <c>_check_cpu_set_configuration</c>: each pin set must parse to at least one CPU; then, without
    /// <c>vcpu_pin_set</c>, the shared and dedicated sets must be disjoint and <c>reserved_host_cpus</c> must be
    /// unset when either is set; with <c>vcpu_pin_set</c>, the dedicated set must be unset. Nova stops at the
    /// first error; this reports every one (the rules between sets only when all three parse).
    /// </summary>
    private void ValidatePinSets(ComputeResourceOptions options, ref List<string>? failures)
    {
        bool parsed = TryParsePinSet(options.VcpuPinSet, nameof(options.VcpuPinSet), PinSetOption.VcpuPinSet, out var vcpuPinSet, ref failures)
            & TryParsePinSet(options.CpuSharedSet, nameof(options.CpuSharedSet), PinSetOption.CpuSharedSet, out var sharedSet, ref failures)
            & TryParsePinSet(options.CpuDedicatedSet, nameof(options.CpuDedicatedSet), PinSetOption.CpuDedicatedSet, out var dedicatedSet, ref failures);
        if (!parsed)
        {
            return;
        }

        string Value(string property, string novaName, string? value) => $"{_keys.Describe(property, novaName)} = {PythonRepr.Quote(value)}";
        string Dedicated() => Value(nameof(options.CpuDedicatedSet), PinSetOption.CpuDedicatedSet, options.CpuDedicatedSet);
        string Shared() => Value(nameof(options.CpuSharedSet), PinSetOption.CpuSharedSet, options.CpuSharedSet);

        if (vcpuPinSet is null)
        {
            if (sharedSet is not null && dedicatedSet is not null && sharedSet.Overlaps(dedicatedSet))
            {
                (failures ??= []).Add(Conflict(
                    $"{Dedicated()}, {Shared()}",
                    "The '[compute] cpu_dedicated_set' and '[compute] cpu_shared_set' configuration options must be disjoint."));
            }

            if ((sharedSet is not null || dedicatedSet is not null) && options.ReservedHostCpus != 0)
            {
                var values = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{_keys.Describe(nameof(options.ReservedHostCpus), "reserved_host_cpus")} = {options.ReservedHostCpus}");
                if (sharedSet is not null)
                {
                    values += $", {Shared()}";
                }

                if (dedicatedSet is not null)
                {
                    values += $", {Dedicated()}";
                }

                (failures ??= []).Add(Conflict(
                    values,
                    "The 'reserved_host_cpus' config option cannot be defined alongside the '[compute] cpu_shared_set' or"
                    + " '[compute] cpu_dedicated_set' options. Unset 'reserved_host_cpus'."));
            }
        }
        else if (dedicatedSet is not null)
        {
            (failures ??= []).Add(Conflict(
                $"{Value(nameof(options.VcpuPinSet), PinSetOption.VcpuPinSet, options.VcpuPinSet)}, {Dedicated()}",
                "The 'vcpu_pin_set' config option has been deprecated and cannot be defined alongside"
                + " '[compute] cpu_dedicated_set'. Unset 'vcpu_pin_set'."));
        }
    }

    private static string Conflict(string values, string novaMessage) => $"Values for options {values} are not valid together: {novaMessage}";

    private bool TryParsePinSet(string? value, string property, string novaName, out CpuSet? set, ref List<string>? failures)
    {
        try
        {
            set = PinSetOption.Parse(value, novaName);
            return true;
        }
        catch (CpuSpecFormatException ex)
        {
            // Nova's grammar messages name the rule, not the option or the whole value: add the value. The
            // "No CPUs available after parsing '<option>' config, <value>" message already names both.
            string quoted = PinSetOption.QuoteValue(value ?? string.Empty);
            string reason = ex.Message.EndsWith(quoted, StringComparison.Ordinal) && ex.Message.Contains(novaName, StringComparison.Ordinal)
                ? ex.Message
                : $"{ex.Message} (value: {quoted})";
            (failures ??= []).Add(_keys.Invalid(property, novaName, reason));
            set = null;
            return false;
        }
    }

    private void ValidateMyIp(string? myIp, ref List<string>? failures)
    {
        // Nova stores my_ip in ComputeNode.host_ip, whose field rejects what netaddr cannot parse.
        if (!string.IsNullOrEmpty(myIp) && !IPAddress.TryParse(myIp, out _))
        {
            (failures ??= []).Add(_keys.Invalid(
                nameof(ComputeResourceOptions.MyIp), "my_ip", $"failed to detect a valid IP address from {PythonRepr.Quote(myIp)}"));
        }
    }

    private void ValidateTimeSpans(ComputeResourceOptions options, ref List<string>? failures)
    {
        if (UpdateResourcesIntervalRule.Check(options.UpdateResourcesInterval) is { } intervalReason)
        {
            (failures ??= []).Add(_keys.Invalid(nameof(options.UpdateResourcesInterval), "update_resources_interval", intervalReason));
        }

        if (options.HostStatsMaxAge is { } maxAge && maxAge <= TimeSpan.Zero)
        {
            (failures ??= []).Add(_keys.Invalid(
                nameof(options.HostStatsMaxAge),
                novaName: null,
                string.Create(CultureInfo.InvariantCulture, $"Should be greater than 0 (value: {maxAge:c})")));
        }
    }
}
