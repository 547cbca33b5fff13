using System.CommandLine;
using System.Globalization;
using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Testing.Load;

namespace NewsPipeline.LoadTests.Commands;

/// <summary><c>stories</c>: the dev set's clustering scores and the cost per article of finding stories (<see cref="StoriesAtScale"/>).</summary>
internal static class StoriesCommand
{
    public static Command Create()
    {
        var dev = new Option<string>("--dev") { Description = "The labelled dev set (articles/ and stories.tsv).", DefaultValueFactory = _ => Path.Combine("..", "shared", "fixtures", "stories-dev") };
        var seed = new Option<int>("--seed") { Description = "Synthetic articles written to the stories table first, in the dev set's days.", DefaultValueFactory = _ => 100_000 };
        var articles = new Option<int>("--articles") { Description = "Cluster only the first N dev articles (by publication) against the table: the scores still use all of them. For a quick cost figure on a big seed.", DefaultValueFactory = _ => int.MaxValue };
        var connection = new Option<string?>("--connection") { Description = "A storage connection string instead of a private in-memory Azurite." };
        var command = new Command("stories", """
            Story clustering (issue 30): the labelled dev set clustered in memory with the pipeline's settings and
            scored (pairwise precision, recall and F1 within the window; B-cubed); then the same articles clustered
            one by one by the pipeline's table-backed code, after SEED synthetic articles were written to the stories
            table in the same days. Reports requests, range queries, candidates verified and time per article.

            Examples:
              dotnet run -c Release --project bench/NewsPipeline.LoadTests -- stories
              dotnet run -c Release --project bench/NewsPipeline.LoadTests -- stories --seed 0
              dotnet run -c Release --project bench/NewsPipeline.LoadTests -- stories --seed 100000 --articles 60
            """)
        {
            dev,
            seed,
            articles,
            connection,
        };
        OptionRules.AtLeast(seed, 0);
        OptionRules.AtLeast(articles, 1);
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(connection);
            await using var azurite = given is null ? await PrivateAzurite.StartAsync(cancellationToken).ConfigureAwait(false) : null;
            var settings = new StorySettings();
            var run = await StoriesAtScale.RunAsync(given ?? azurite!.ConnectionString, result.GetValue(dev)!, result.GetValue(seed), settings, cancellationToken, result.GetValue(articles)).ConfigureAwait(false);
            var s = run.Scores;
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

                Dev set: {run.Articles} articles, window {settings.WindowHours} h, join {settings.JoinThreshold}, merge {settings.MergeThreshold}, keys {settings.Keys}
                | measure | precision | recall | F1 |
                |---|---:|---:|---:|
                | pairs ({s.CorrectPairs} of {s.PredictedPairs} predicted, {s.TruePairs} labelled) | {s.PairPrecision:0.000} | {s.PairRecall:0.000} | {s.PairF1:0.000} |
                | B-cubed | {s.BCubedPrecision:0.000} | {s.BCubedRecall:0.000} | {s.BCubedF1:0.000} |

                Cost per article ({run.Costs.Count} dev articles clustered), {run.Seeded:N0} synthetic articles ({run.SeededRows:N0} rows) in the table first:
                | per article | min | median | mean | max |
                |---|---:|---:|---:|---:|
                """));
            Row("table requests", run.Costs.Select(c => (double)c.Requests));
            Row("of which range queries", run.Costs.Select(c => (double)c.Queries));
            Row("candidates verified", run.Costs.Select(c => (double)c.Candidates));
            Row("time (ms, Azurite)", run.Costs.Select(c => c.Elapsed.TotalMilliseconds));
            return 0;
        });
        return command;
    }

    private static void Row(string name, IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {sorted[0]:0.#} | {sorted[sorted.Length / 2]:0.#} | {sorted.Average():0.0} | {sorted[^1]:0.#} |"));
    }
}
