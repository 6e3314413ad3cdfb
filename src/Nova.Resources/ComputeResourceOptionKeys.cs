namespace Nova.Resources;

/// <summary>
/// Names options in messages by one rule: the .NET configuration key first (<c>Nova:ReservedHostMemoryMb</c> when
/// the options were bound from the <c>Nova</c> section, the property name when they were set in code), then
/// Nova's option name in parentheses where Nova has one (<c>reserved_host_memory_mb</c>).
/// </summary>
internal sealed class ComputeResourceOptionKeys
{
    /// <summary>Names options by their property names alone (options set in code).</summary>
    public static ComputeResourceOptionKeys Unbound { get; } = new(null);

    /// <summary>Creates the naming for options bound from the section at <paramref name="sectionPath"/>.</summary>
    /// <param name="sectionPath">The section's path, such as <c>Nova</c>; <see langword="null"/> or empty for options set in code.</param>
    public ComputeResourceOptionKeys(string? sectionPath)
    {
        SectionPath = string.IsNullOrEmpty(sectionPath) ? null : sectionPath;
    }

    /// <summary>Gets the path of the section the options were bound from, or <see langword="null"/>.</summary>
    public string? SectionPath { get; }

    /// <summary>The configuration key of a property: <c>Nova:ReservedHostMemoryMb</c>.</summary>
    public string Key(string property) => SectionPath is null ? property : $"{SectionPath}:{property}";

    /// <summary>The key with Nova's option name beside it: <c>Nova:ReservedHostMemoryMb (reserved_host_memory_mb)</c>.</summary>
    public string Describe(string property, string? novaName) => novaName is null ? Key(property) : $"{Key(property)} ({novaName})";

    /// <summary>oslo.config's message for one bad value, with the option named by this rule.</summary>
    public string Invalid(string property, string? novaName, string reason) => $"Value for option {Describe(property, novaName)} is not valid: {reason}";
}
