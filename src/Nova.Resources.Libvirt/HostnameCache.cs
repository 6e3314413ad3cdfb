using Microsoft.Extensions.Logging;

namespace Nova.Resources.Libvirt;

/// <summary>
/// Keeps the first hostname the hypervisor reported (Nova's <c>Host.get_hostname</c>): a later, different name
/// is logged with Nova's error ("A restart is required to take effect.") and the first one is kept.
/// </summary>
internal sealed class HostnameCache(ILogger logger)
{
    private readonly Lock _gate = new();
    private string? _hostname;

    /// <summary>Records the name libvirt reports now and returns the one in force.</summary>
    /// <param name="current">The name libvirt reports now.</param>
    /// <returns>The first name reported.</returns>
    public string Observe(string current)
    {
        lock (_gate)
        {
            if (_hostname is null)
            {
                _hostname = current;
            }
            else if (!string.Equals(_hostname, current, StringComparison.Ordinal))
            {
                Log.HostnameChanged(logger, _hostname, current);
            }

            return _hostname;
        }
    }
}
