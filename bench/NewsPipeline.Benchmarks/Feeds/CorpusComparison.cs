using System.Globalization;
using System.Text.Json;

namespace NewsPipeline.Benchmarks.Feeds;

/// <summary>
/// Reads every feed of the test corpus with each candidate and says which reads it correctly (the expected titles,
/// links and dates, as the corpus tests assert for the project's reader). Prints a Markdown table for the README.
/// </summary>
public static class CorpusComparison
{
    public static int Run(TextWriter output)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "corpus");
        var names = Directory.GetFiles(folder, "*.expected.json").Select(f => Path.GetFileName(f)[..^".expected.json".Length]).Order(StringComparer.Ordinal).ToList();
        var correct = new int[FeedReaderCandidates.All.Count];
        output.WriteLine("| feed | " + string.Join(" | ", FeedReaderCandidates.All.Select(c => c.Name)) + " |");
        output.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---|", FeedReaderCandidates.All.Count)));
        foreach (var name in names)
        {
            var file = Directory.GetFiles(folder, name + ".*").Single(f => !f.EndsWith(".expected.json", StringComparison.Ordinal));
            var bytes = File.ReadAllBytes(file);
            var expected = Expected(Path.Combine(folder, name + ".expected.json"));
            var feedUri = new Uri("https://feeds.example/corpus/" + Path.GetFileName(file));
            var cells = FeedReaderCandidates.All.Select((candidate, index) =>
            {
                var verdict = Judge(() => candidate.Read(bytes, feedUri), expected);
                if (verdict == "yes")
                {
                    correct[index]++;
                }

                return verdict;
            });
            output.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
        }

        output.WriteLine($"| **correct** | {string.Join(" | ", correct.Select(c => $"**{c}/{names.Count}**"))} |");
        return 0;
    }

    private static string Judge(Func<IReadOnlyList<ReadItem>> read, List<ReadItem> expected)
    {
        IReadOnlyList<ReadItem> items;
        try
        {
            items = read();
        }
        catch (Exception e)
        {
            return "error: " + e.GetType().Name;
        }

        if (items.Count != expected.Count)
        {
            return $"no: {items.Count} of {expected.Count} items";
        }

        var wrong = new List<string>();
        if (!items.Select(i => i.Title).SequenceEqual(expected.Select(i => i.Title)))
        {
            wrong.Add("titles");
        }

        if (!items.Select(i => i.Link).SequenceEqual(expected.Select(i => i.Link)))
        {
            wrong.Add("links");
        }

        if (!items.Select(i => i.Published).SequenceEqual(expected.Select(i => i.Published)))
        {
            wrong.Add("dates");
        }

        return wrong.Count == 0 ? "yes" : "no: " + string.Join(", ", wrong);
    }

    private static List<ReadItem> Expected(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("items").EnumerateArray().Select(i => new ReadItem(
            i.GetProperty("title").GetString()!,
            i.GetProperty("link").GetString(),
            i.GetProperty("published").GetString() is { } date ? DateTimeOffset.Parse(date, CultureInfo.InvariantCulture) : null)).ToList();
    }
}
