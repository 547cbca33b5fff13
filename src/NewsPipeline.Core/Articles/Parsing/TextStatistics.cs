namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>Counts of an article's visible text; CJK ideographs count one word each, as readers of those languages count.</summary>
public readonly record struct TextStatistics(int Characters, int Words, int CjkCharacters, int LatinLetters)
{
    public static TextStatistics Of(string text)
    {
        int characters = 0, words = 0, cjk = 0, latin = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
                continue;
            }

            characters++;
            if (IsCjk(c))
            {
                cjk++;
                words++;
                inWord = false;
            }
            else if (char.IsLetterOrDigit(c))
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
                inWord = c is '\'' or '’' or '-' && inWord;
            }
        }

        return new TextStatistics(characters, words, cjk, latin);
    }

    public static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF'
            or >= '\u3040' and <= '\u30FF' or >= '\uAC00' and <= '\uD7AF';
}
