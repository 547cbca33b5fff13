using System.Globalization;
using System.Reflection;

namespace NewsPipeline.Core.Reading.Stories;

/// <summary>
/// Folds Traditional Chinese characters to their Simplified variants, so that a report in one script and its copy in
/// the other compare as the same text. The table is generated from Unihan's <c>kSimplifiedVariant</c> (see
/// <c>generate-script-folding.sh</c> beside this file): one character for one character, which is what comparing
/// needs, not a conversion a reader would accept (that needs word context: 乾 is 干 in 乾杯 but 乾 in 乾隆).
/// </summary>
public static class ScriptFolding
{
    private static readonly Dictionary<char, char> Table = Load();

    /// <summary>Characters that have a different Simplified form in the table.</summary>
    public static int Count => Table.Count;

    public static char Fold(char c) => c < '\u3400' ? c : Table.GetValueOrDefault(c, c);

    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = Fold(source[i]);
            }
        });
    }

    private static Dictionary<char, char> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NewsPipeline.Core.Reading.Stories.script-folding.tsv")
            ?? throw new InvalidOperationException("The script-folding table is not embedded in NewsPipeline.Core.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<char, char>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Split('\t') is not [var from, var to])
            {
                continue;
            }

            table[(char)int.Parse(from, NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = (char)int.Parse(to, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return table;
    }
}
