namespace NewsPipeline.Cli.Hosting;

/// <summary>Prints rows as aligned columns for a terminal; the last column takes what is left.</summary>
internal static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var all = rows.Select(r => r.Select(c => c ?? "").ToArray()).ToList();
        var widths = header.Select((h, i) => Math.Min(60, Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length)))).ToArray();
        WriteRow(output, header.ToArray(), widths);
        foreach (var row in all)
        {
            WriteRow(output, row, widths);
        }
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths) =>
        output.WriteLine(string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : Fit(c, widths[i]).PadRight(widths[i]))).TrimEnd());

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
