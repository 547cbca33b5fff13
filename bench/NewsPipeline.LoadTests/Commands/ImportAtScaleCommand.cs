using System.CommandLine;
using System.Globalization;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Testing.Load;

namespace NewsPipeline.LoadTests.Commands;

/// <summary><c>import</c>: import and reindex of a synthetic archive, beside the per-article path import used to take (<see cref="ImportAtScale"/>).</summary>
internal static class ImportAtScaleCommand
{
    public static Command Create()
    {
        var articles = new Option<int>("--articles") { Description = "Synthetic archived articles to import.", DefaultValueFactory = _ => 100_000 };
        var baseline = new Option<int>("--baseline") { Description = "Of those, how many the per-article path (import before issue 11) imports, for the ratio.", DefaultValueFactory = _ => 2_000 };
        var connection = new Option<string?>("--connection") { Description = "A storage connection string instead of a private in-memory Azurite." };
        var command = new Command("import", """
            Import and reindex at archive scale: ARTICLES synthetic archived articles (five sources, ~2.3 KB, 16
            links each) are written to a temporary folder and imported; the per-article path import used to take runs
            on the first BASELINE of them in the same run, for the ratio; then a reindex with every row current and a
            reindex --all. Reports articles/s, table and blob requests per article, and the peak managed heap.

            Examples:
              dotnet run -c Release --project bench/NewsPipeline.LoadTests -- import
              dotnet run -c Release --project bench/NewsPipeline.LoadTests -- import --articles 5000 --baseline 500
            """)
        {
            articles,
            baseline,
            connection,
        };
        OptionRules.AtLeast(articles, 1);
        OptionRules.AtLeast(baseline, 1);
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(connection);
            await using var azurite = given is null ? await PrivateAzurite.StartAsync(cancellationToken).ConfigureAwait(false) : null;
            var progress = new ProgressLine("Working");
            var passes = await ImportAtScale.RunAsync(given ?? azurite!.ConnectionString, result.GetValue(articles), result.GetValue(baseline), progress, cancellationToken).ConfigureAwait(false);
            progress.Finish();
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
            Console.WriteLine();
            Console.WriteLine("| pass | articles | time (s) | articles/s | ratio to per-article | table requests / article | blob requests / article | peak managed heap (MiB) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            var before = passes[0].PerSecond;
            foreach (var pass in passes)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {pass.Name} | {pass.Articles:N0} | {pass.Elapsed.TotalSeconds:0.0} | {pass.PerSecond:N0} | {pass.PerSecond / before:0.0}× | {pass.TableRequestsPerArticle:0.00} | {pass.BlobRequestsPerArticle:0.00} | {pass.PeakHeapBytes / (1024.0 * 1024):0} |"));
            }

            return 0;
        });
        return command;
    }
}
