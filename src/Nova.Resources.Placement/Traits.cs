namespace Nova.Resources.Placement;

/// <summary>Trait names as Placement accepts them.</summary>
internal static class Traits
{
    /// <summary>The trait every compute node's provider carries (os-traits <c>COMPUTE_NODE</c>).</summary>
    public const string ComputeNode = "COMPUTE_NODE";

    /// <summary>The prefix of a trait an operator defines (created with <c>PUT /traits/CUSTOM_X</c>).</summary>
    public const string CustomPrefix = "CUSTOM_";

    /// <summary>Placement's pattern for a trait name: 1 to 255 of <c>A-Z</c>, <c>0-9</c> and <c>_</c>.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 255)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsCustom(string name) => name.StartsWith(CustomPrefix, StringComparison.Ordinal);
}
