using System.Collections;
using System.Numerics;

namespace Nova.Resources;

/// <content>The allocation-free enumerator of a <see cref="CpuSet"/>.</content>
public sealed partial class CpuSet
{
    /// <summary>Enumerates the CPU ids of a <see cref="CpuSet"/> in ascending order.</summary>
    public struct Enumerator : IEnumerator<int>
    {
        private readonly ulong[]? _words;
        private readonly ulong _low;
        private int _wordIndex;
        private ulong _remaining;

        internal Enumerator(ulong[]? words, ulong low)
        {
            _words = words;
            _low = low;
            _wordIndex = -1;
            _remaining = 0;
            Current = -1;
        }

        /// <summary>Gets the current CPU id.</summary>
        public int Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        /// <summary>Advances to the next CPU id.</summary>
        /// <returns><see langword="false"/> at the end.</returns>
        public bool MoveNext()
        {
            while (_remaining == 0)
            {
                int next = _wordIndex + 1;
                if (_words is null)
                {
                    if (next > 0)
                    {
                        return false;
                    }

                    _remaining = _low;
                }
                else
                {
                    if (next >= _words.Length)
                    {
                        return false;
                    }

                    _remaining = _words[next];
                }

                _wordIndex = next;
            }

            int bit = BitOperations.TrailingZeroCount(_remaining);
            _remaining &= _remaining - 1;
            Current = (_wordIndex << 6) + bit;
            return true;
        }

        /// <summary>Restarts the enumeration.</summary>
        public void Reset()
        {
            _wordIndex = -1;
            _remaining = 0;
            Current = -1;
        }

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
