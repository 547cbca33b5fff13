using System.Buffers;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// Text appended into one pooled array and read back in place: the walk's paragraph text is scanned where it lies,
/// and made a string only when a paragraph is short enough to be boilerplate or is the summary.
/// </summary>
internal sealed class TextBuffer : IDisposable
{
    // Arrays up to this many characters come from the shared pool and go back to it; a longer one (a document of
    // megabytes) is the collector's, so that one huge article does not stay in the pool for the life of the worker.
    private const int MaxPooledLength = 64 * 1024;

    private char[] chars;

    public TextBuffer(int capacity) => chars = Rent(Math.Max(capacity, 16));

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => chars.AsSpan(0, Length);

    public ReadOnlySpan<char> Slice(int start, int length) => chars.AsSpan(start, length);

    public void Clear() => Length = 0;

    public void Append(char c)
    {
        if (Length == chars.Length)
        {
            Grow(Length + 1);
        }

        chars[Length++] = c;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (Length + text.Length > chars.Length)
        {
            Grow(Length + text.Length);
        }

        text.CopyTo(chars.AsSpan(Length));
        Length += text.Length;
    }

    public void Dispose()
    {
        Return(chars);
        chars = [];
        Length = 0;
    }

    private static char[] Rent(int length) =>
        length <= MaxPooledLength ? ArrayPool<char>.Shared.Rent(length) : GC.AllocateUninitializedArray<char>(length);

    private static void Return(char[] array)
    {
        if (array.Length <= MaxPooledLength)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }

    private void Grow(int needed)
    {
        var larger = Rent(Math.Max(needed, 2 * chars.Length));
        Span.CopyTo(larger);
        Return(chars);
        chars = larger;
    }
}
