using System.Collections.ObjectModel;
using Nova.Resources.Compute;

namespace Nova.Resources.Tracking;

/// <summary>Keeps the collections a <see cref="ComputeNode"/> holds immutable and compares them by content.</summary>
internal static class RecordEquality
{
    /// <summary>Returns <paramref name="items"/> when it is already a read-only wrapper, otherwise a frozen copy.</summary>
    public static IReadOnlyList<T> Freeze<T>(IReadOnlyList<T> items, string paramName)
        => items is ReadOnlyCollection<T> || (items is T[] { Length: 0 }) ? items : ValueLists.Freeze(items, paramName);

    /// <summary>Returns <paramref name="items"/> when it is already a read-only wrapper, otherwise a frozen copy.</summary>
    public static IReadOnlyDictionary<string, TValue> Freeze<TValue>(IReadOnlyDictionary<string, TValue> items, string paramName)
    {
        ArgumentNullException.ThrowIfNull(items, paramName);
        if (items is ReadOnlyDictionary<string, TValue> or System.Collections.Immutable.ImmutableDictionary<string, TValue>)
        {
            return items;
        }

        var copy = new Dictionary<string, TValue>(items.Count, StringComparer.Ordinal);
        foreach (var pair in items)
        {
            ArgumentNullException.ThrowIfNull(pair.Key, paramName);
            copy.Add(pair.Key, pair.Value);
        }

        return copy.AsReadOnly();
    }

    public static bool DictionaryEquals<TValue>(IReadOnlyDictionary<string, TValue> left, IReadOnlyDictionary<string, TValue> right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        var comparer = EqualityComparer<TValue>.Default;
        foreach (var pair in left)
        {
            if (!right.TryGetValue(pair.Key, out var value) || !comparer.Equals(pair.Value, value))
            {
                return false;
            }
        }

        return true;
    }
}
