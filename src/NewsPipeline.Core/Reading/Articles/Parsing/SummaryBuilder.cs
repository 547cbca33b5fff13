using System.Globalization;
using System.Text;

using NewsPipeline.Core.Reading.Text;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>Cuts a paragraph to a summary of at most <see cref="MaxLength"/> characters.</summary>
public static class SummaryBuilder
{
    public const int MaxLength = 280;

    private static readonly System.Buffers.SearchValues<char> SentenceEnds = System.Buffers.SearchValues.Create("。！？.!?；");

    public static string Build(string paragraph)
    {
        var text = paragraph.Trim();
        if (text.Length <= MaxLength)
        {
            return text;
        }

        // Prefer a whole sentence when one ends in the second half of the budget; else cut on a
        // text-element boundary so no surrogate pair or combining mark is split.
        var sentenceEnd = LastSentenceEnd(text);
        if (sentenceEnd >= MaxLength / 2)
        {
            return text[..(sentenceEnd + 1)];
        }

        var cut = new StringBuilder(MaxLength);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (cut.Length + element.Length > MaxLength - 1)
            {
                break;
            }

            cut.Append(element);
        }

        // Latin words are not cut in half: back up to the last space when the cut falls inside a word.
        var kept = cut.ToString();
        if (kept.Length < text.Length && char.IsLetterOrDigit(text[kept.Length]) && kept.Length > 0 && !CjkCharacters.IsCjk(kept[^1]))
        {
            var space = kept.LastIndexOf(' ');
            if (space >= MaxLength / 2)
            {
                kept = kept[..space];
            }
        }

        return kept.TrimEnd(' ', ',', ';', ':', '，', '、') + "…";
    }

    // A full stop ends a sentence only before a space (not in "3.5" or "U.S.A"); CJK marks end one wherever they are.
    // A closing quote right after the mark belongs to the sentence.
    private static int LastSentenceEnd(string text)
    {
        for (var i = text.AsSpan(0, MaxLength).LastIndexOfAny(SentenceEnds); i >= 0; i = i == 0 ? -1 : text.AsSpan(0, i).LastIndexOfAny(SentenceEnds))
        {
            var end = i;
            while (end + 1 < MaxLength && text[end + 1] is '”' or '"' or '’' or '」' or '』' or ')' or '）')
            {
                end++;
            }

            var c = text[i];
            var next = end + 1 < text.Length ? text[end + 1] : ' ';
            if (c is not ('.' or '!' or '?') || char.IsWhiteSpace(next))
            {
                return end;
            }
        }

        return -1;
    }
}
