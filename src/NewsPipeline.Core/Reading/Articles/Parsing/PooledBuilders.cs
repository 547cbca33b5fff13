using System.Text;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// A few StringBuilders kept per thread for the sanitized HTML (the walk keeps paragraph text in a <see cref="TextBuffer"/>), as the runtime's
/// own StringBuilderCache does: the profile showed a fresh builder per walk growing chunk by chunk, and the collections
/// that garbage caused, as a large share of a small document's parse.
/// </summary>
internal static class PooledBuilders
{
    // Builders larger than this (a long report's text) are left to the collector rather than kept per thread.
    private const int MaxKeptCapacity = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder?[]? kept;

    public static StringBuilder Rent(int capacity)
    {
        var slots = kept ??= new StringBuilder?[4];
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] is { } builder)
            {
                slots[i] = null;
                builder.Clear();
                builder.EnsureCapacity(capacity);
                return builder;
            }
        }

        return new StringBuilder(capacity);
    }

    public static void Return(StringBuilder builder)
    {
        if (builder.Capacity > MaxKeptCapacity)
        {
            return;
        }

        var slots = kept ??= new StringBuilder?[4];
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] is null)
            {
                slots[i] = builder;
                return;
            }
        }
    }

    /// <summary>The builder's text, the builder given back.</summary>
    public static string ToStringAndReturn(StringBuilder builder)
    {
        var text = builder.ToString();
        Return(builder);
        return text;
    }
}
