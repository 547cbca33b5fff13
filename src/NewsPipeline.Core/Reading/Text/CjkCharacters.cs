namespace NewsPipeline.Core.Reading.Text;

/// <summary>Which characters are Chinese, Japanese or Korean: text in these scripts has no spaces between words.</summary>
public static class CjkCharacters
{
    /// <summary>CJK ideographs (with extension A and the compatibility block), kana and hangul syllables.</summary>
    // Inlined into the statistics' loop, which runs once per character of every article.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF'
            or >= '\u3040' and <= '\u30FF' or >= '\uAC00' and <= '\uD7AF';

    /// <summary>A CJK character or CJK punctuation (the CJK symbols block and the full-width forms).</summary>
    public static bool IsCjkOrCjkPunctuation(char c) =>
        IsCjk(c) || c is >= '\u3000' and <= '\u303F' or >= '\uFF00' and <= '\uFFEF';
}
