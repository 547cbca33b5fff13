using Cjk = NewsPipeline.Core.Reading.Text.CjkCharacters;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// Counts of an article's visible text; CJK ideographs count one word each, as readers of those languages count. The
/// characters that exist in only one of the two Chinese scripts, and English function words, are counted in the same
/// pass, for <see cref="LanguageDetector"/>.
/// </summary>
public readonly record struct TextStatistics(int Characters, int Words, int CjkCharacters, int LatinLetters)
{
    /// <summary>Characters written only in simplified Chinese (这, 说, 国 …), of the frequent ones <see cref="ChineseScript"/> knows.</summary>
    public int SimplifiedOnly { get; init; }

    /// <summary>Characters written only in traditional Chinese (這, 說, 國 …).</summary>
    public int TraditionalOnly { get; init; }

    /// <summary>
    /// The ten commonest English function words (the, and, of …), each a whole run of letters that starts with an ASCII
    /// letter: "the" in "the ferry" and "The." count, "there" and "théâtre" do not.
    /// </summary>
    public int EnglishFunctionWords { get; init; }

    public static TextStatistics Of(string text) => Of(text.AsSpan());

    public static TextStatistics Of(ReadOnlySpan<char> text)
    {
        var counter = default(Counter);
        counter.Add(text);
        return counter.Statistics;
    }

    private const byte WhiteSpace = 1, LetterOrDigit = 2, Letter = 4;

    // char.IsWhiteSpace, IsLetterOrDigit and IsLetter of every UTF-16 code unit, asked once: 64 KB, filled in about a millisecond.
    private static readonly byte[] Kinds = BuildKinds();

    private static byte[] BuildKinds()
    {
        var kinds = new byte[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            kinds[c] = (byte)((char.IsWhiteSpace((char)c) ? WhiteSpace : 0) | (char.IsLetterOrDigit((char)c) ? LetterOrDigit : 0) | (char.IsLetter((char)c) ? Letter : 0));
        }

        return kinds;
    }

    /// <summary>
    /// Statistics of texts counted one after another as if joined by spaces: the parser's walk counts each text node
    /// as it meets it rather than joining a long report's text into one string to count it.
    /// </summary>
    internal struct Counter
    {
        private int characters, words, cjk, latin, simplified, traditional, english;

        public readonly TextStatistics Statistics =>
            new(characters, words, cjk, latin) { SimplifiedOnly = simplified, TraditionalOnly = traditional, EnglishFunctionWords = english };

        public void Add(ReadOnlySpan<char> text)
        {
            // Counted in locals and stored once: counting into the fields kept every character's increments in memory.
            var (characters, words, cjk, latin, simplified, traditional, english) =
                (this.characters, this.words, this.cjk, this.latin, this.simplified, this.traditional, this.english);
            var inWord = false;

            // The run of letters an English function word could be: it starts at an ASCII letter and goes on while letters
            // follow; one with a letter outside ASCII in it (marked by a start of -2) goes on but can be no such word.
            const int NoRun = -1, NotEnglish = -2;
            var run = NoRun;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];

                // Cheapest test first for the two scripts news text is mostly written in: ASCII by table, CJK by range (no
                // CJK character is white space). Only the rest asks the Unicode tables, which cost several times as much.
                if (char.IsAscii(c))
                {
                    if (char.IsAsciiLetter(c))
                    {
                        run = run == NoRun ? i : run;
                        characters++;
                        latin++;
                        words += inWord ? 0 : 1;
                        inWord = true;
                        continue;
                    }

                    if (run != NoRun)
                    {
                        english += run >= 0 && LanguageDetector.IsEnglishFunctionWord(text[run..i]) ? 1 : 0;
                        run = NoRun;
                    }

                    if (char.IsAsciiDigit(c))
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

                // What the char class methods say of a character outside ASCII, from a table they filled: punctuation in
                // Chinese text (，。“”) asked the Unicode tables twice per character.
                var kind = Kinds[c];
                if (run != NoRun)
                {
                    // Rare: a letter outside ASCII right after ASCII letters ("théâtre", "the港口").
                    if ((kind & Letter) != 0)
                    {
                        run = NotEnglish;
                    }
                    else
                    {
                        english += run >= 0 && LanguageDetector.IsEnglishFunctionWord(text[run..i]) ? 1 : 0;
                        run = NoRun;
                    }
                }

                if (Cjk.IsCjk(c))
                {
                    characters++;
                    cjk++;
                    words++;
                    inWord = false;

                    // Simplified is 1 and traditional 2 (either is 0): counted without a branch per character.
                    var script = ChineseScript.Of(c);
                    simplified += script & 1;
                    traditional += script >> 1;

                    // Chinese text is runs of unified ideographs (U+4E00–U+9FFF, all letters, one word each): the rest of
                    // the run is counted in a loop of its own, without the tests every other character needs.
                    var end = i + 1;
                    while (end < text.Length && ChineseScript.IsUnifiedIdeograph(text[end]))
                    {
                        var next = ChineseScript.Of(text[end++]);
                        simplified += next & 1;
                        traditional += next >> 1;
                    }

                    var rest = end - i - 1;
                    (characters, cjk, words, i) = (characters + rest, cjk + rest, words + rest, end - 1);
                    continue;
                }

                if ((kind & WhiteSpace) != 0)
                {
                    inWord = false;
                    continue;
                }

                characters++;
                if ((kind & LetterOrDigit) != 0)
                {
                    if (c < 0x250 && (kind & Letter) != 0)
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

            if (run >= 0)
            {
                english += LanguageDetector.IsEnglishFunctionWord(text[run..]) ? 1 : 0;
            }

            (this.characters, this.words, this.cjk, this.latin, this.simplified, this.traditional, this.english) =
                (characters, words, cjk, latin, simplified, traditional, english);
        }
    }
}
