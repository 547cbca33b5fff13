using System.Buffers;

namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>
/// Text appended into one pooled array and read back in place: the walk's visible text and paragraph text are only
/// counted and scanned, and a string of them (a long report's text is a large-object allocation, each a gen-2
/// collection's worth of budget) was garbage the moment it was counted.
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

    public void Append(ReadOnlySpan<char> text)
    {
        if (Length + text.Length > chars.Length)
        {
            Grow(Length + text.Length);
        }

        text.CopyTo(chars.AsSpan(Length));
        Length += text.Length;
    }

    public void Append(char c)
    {
        if (Length == chars.Length)
        {
            Grow(Length + 1);
        }

        chars[Length++] = c;
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
