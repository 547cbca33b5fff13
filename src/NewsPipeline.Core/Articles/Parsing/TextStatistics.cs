namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>
/// Counts of an article's visible text; CJK ideographs count one word each, as readers of those languages count. The
/// characters that exist in only one of the two Chinese scripts are counted in the same pass, for <see cref="LanguageDetector"/>.
/// </summary>
public readonly record struct TextStatistics(int Characters, int Words, int CjkCharacters, int LatinLetters)
{
    /// <summary>Characters written only in simplified Chinese (这, 说, 国 …), of the frequent ones <see cref="ChineseScript"/> knows.</summary>
    public int SimplifiedOnly { get; init; }

    /// <summary>Characters written only in traditional Chinese (這, 說, 國 …).</summary>
    public int TraditionalOnly { get; init; }

    public static TextStatistics Of(string text) => Of(text.AsSpan());

    public static TextStatistics Of(ReadOnlySpan<char> text)
    {
        var counter = default(Counter);
        counter.Add(text);
        return counter.Statistics;
    }

    /// <summary>
    /// Statistics of texts counted one after another as if joined by spaces: the parser's walk counts each text node
    /// as it meets it rather than joining a long report's text into one string to count it.
    /// </summary>
    internal struct Counter
    {
        private int characters, words, cjk, latin, simplified, traditional;

        public readonly TextStatistics Statistics =>
            new(characters, words, cjk, latin) { SimplifiedOnly = simplified, TraditionalOnly = traditional };

        public void Add(ReadOnlySpan<char> text)
        {
            // Counted in locals and stored once: counting into the fields kept every character's increments in memory.
            var (characters, words, cjk, latin, simplified, traditional) = (this.characters, this.words, this.cjk, this.latin, this.simplified, this.traditional);
            var inWord = false;
            foreach (var c in text)
            {
                // Cheapest test first for the two scripts news text is mostly written in: ASCII by table, CJK by range (no
                // CJK character is white space). Only the rest asks the Unicode tables, which cost several times as much.
                if (char.IsAscii(c))
                {
                    if (char.IsAsciiLetter(c))
                    {
                        characters++;
                        latin++;
                        words += inWord ? 0 : 1;
                        inWord = true;
                    }
                    else if (char.IsAsciiDigit(c))
                    {
                        characters++;
                        words += inWord ? 0 : 1;
                        inWord = true;
                    }
                    else if (c is ' ' or >= '\t' and <= '\r')
                    {
                        inWord = false;
                    }
                    else
                    {
                        characters++;
                        inWord = c is '\'' or '-' && inWord;
                    }

                    continue;
                }

                if (IsCjk(c))
                {
                    characters++;
                    cjk++;
                    words++;
                    inWord = false;
                    switch (ChineseScript.Of(c))
                    {
                        case ChineseScript.Simplified:
                            simplified++;
                            break;
                        case ChineseScript.Traditional:
                            traditional++;
                            break;
                    }

                    continue;
                }

                if (char.IsWhiteSpace(c))
                {
                    inWord = false;
                    continue;
                }

                characters++;
                if (char.IsLetterOrDigit(c))
                {
                    if (c < 0x250 && char.IsLetter(c))
                    {
                        latin++;
                    }

                    if (!inWord)
                    {
                        words++;
                        inWord = true;
                    }
                }
                else
                {
                    inWord = c == '’' && inWord;
                }
            }

            (this.characters, this.words, this.cjk, this.latin, this.simplified, this.traditional) = (characters, words, cjk, latin, simplified, traditional);
        }
    }

    // Inlined into the count's loop, which runs once per character of every article.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF'
            or >= '\u3040' and <= '\u30FF' or >= '\uAC00' and <= '\uD7AF';
}
