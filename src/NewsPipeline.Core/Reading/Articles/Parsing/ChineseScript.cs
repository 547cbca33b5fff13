namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// Which of the two Chinese scripts a character belongs to, for the frequent news characters that exist in only one:
/// 这/這, 说/說, 国/國 …. A table over the unified ideographs, one byte each, so that a count over a long text costs a
/// load per character.
/// </summary>
internal static class ChineseScript
{
    public const byte Either = 0;
    public const byte Simplified = 1;
    public const byte Traditional = 2;

    private const char First = '\u4E00';

    private const string SimplifiedOnly = "这说国们会对时来为发过还进关与经动现长问门东车见议军报让总统华记际战认区题统将议员处实难这种业权务";

    private const string TraditionalOnly = "這說國們會對時來為發過還進關與經動現長問門東車見議軍報讓總統華記際戰認區題統將議員處實難這種業權務";

    private static readonly byte[] Table = Build();

    public static byte Of(char c) => (uint)(c - First) < (uint)Table.Length ? Table[c - First] : Either;

    /// <summary>Whether the character is in the CJK Unified Ideographs block (U+4E00–U+9FFF), the table's range.</summary>
    public static bool IsUnifiedIdeograph(char c) => (uint)(c - First) < (uint)Table.Length;

    private static byte[] Build()
    {
        var table = new byte['\u9FFF' - First + 1];
        foreach (var c in TraditionalOnly)
        {
            table[c - First] = Traditional;
        }

        foreach (var c in SimplifiedOnly)
        {
            table[c - First] = Simplified;
        }

        return table;
    }
}
