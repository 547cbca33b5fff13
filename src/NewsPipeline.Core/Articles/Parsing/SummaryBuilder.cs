using System.Globalization;
using System.Text;

namespace NewsPipeline.Core.Articles.Parsing;

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
        var window = text.AsSpan(0, MaxLength);
        var sentenceEnd = window.LastIndexOfAny(SentenceEnds);
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

        return cut.ToString().TrimEnd() + "…";
    }
}
