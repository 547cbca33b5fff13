namespace NewsPipeline.Core.Reading.Dates;

/// <summary>Month names as feeds write them: English, and the localized names common in European feeds.</summary>
internal static class MonthNames
{
    private static readonly Dictionary<string, int> Months = Build();

    public static bool TryGetMonth(string name, out int month) =>
        Months.TryGetValue(name.TrimEnd('.'), out month)
        || (name.Length > 3 && Months.TryGetValue(name[..3], out month));

    private static Dictionary<string, int> Build()
    {
        var months = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        string[][] languages =
        [
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
            ["janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"],
            ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
            ["jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"],
            ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
            ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"],
        ];
        foreach (var names in languages)
        {
            for (var i = 0; i < 12; i++)
            {
                months.TryAdd(names[i], i + 1);
            }
        }
        return months;
    }
}
