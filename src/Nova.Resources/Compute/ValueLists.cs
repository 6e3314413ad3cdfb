namespace Nova.Resources.Compute;

/// <summary>Helpers that keep the list members of the value records immutable and compared by content.</summary>
internal static class ValueLists
{
    /// <summary>Copies <paramref name="items"/> into a list nobody can change afterwards.</summary>
    public static IReadOnlyList<T> Freeze<T>(IEnumerable<T> items, string paramName)
    {
        ArgumentNullException.ThrowIfNull(items, paramName);
        T[] copy = [.. items];
        if (copy.Length == 0)
        {
            return [];
        }

        foreach (var item in copy)
        {
            if (item is null)
            {
                throw new ArgumentException("The list must not contain null items.", paramName);
            }
        }

        return Array.AsReadOnly(copy);
    }

    /// <summary>Compares two lists item by item.</summary>
    public static bool ContentEquals<T>(IReadOnlyList<T> left, IReadOnlyList<T> right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < left.Count; i++)
        {
            if (!comparer.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Hashes a list by content.</summary>
    public static int ContentHash<T>(IReadOnlyList<T> items)
    {
        var hash = default(HashCode);
        hash.Add(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            hash.Add(items[i]);
        }

        return hash.ToHashCode();
    }
}
