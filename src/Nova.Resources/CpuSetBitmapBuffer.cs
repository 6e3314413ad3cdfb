using System.Runtime.CompilerServices;

namespace Nova.Resources;

/// <summary>The first buffer of a <see cref="CpuSetBitmap"/>, on the parser's stack: ids below 1024.</summary>
[InlineArray(CpuSetBitmap.InlineWords)]
internal struct CpuSetBitmapBuffer
{
    private ulong _word;
}
