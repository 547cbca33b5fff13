using System.CommandLine;
using System.Globalization;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Cli.Commands;

internal static class ReindexCommand
{
    public static Command Create(Option<FileInfo?> settings)
    {
        var source = new Option<string?>("--source") { Description = "Only this source's articles." };
        var since = new Option<string?>("--since") { Description = "Only articles filed on or after this day (yyyy-MM-dd, UTC)." };
        var command = new Command("reindex", """
            Re-parse stored article blobs and rewrite their rows: after a parser upgrade (rows of an older
            parserVersion are replaced, never duplicated) or for blobs whose Event Grid event was missed.
            Documents that still cannot be parsed are recorded (see `newsfeed failures`). Exit code 1 when any failed.

            Examples:
              newsfeed reindex
              newsfeed reindex --source voachinese --since 2021-12-01
            """)
        {
            source,
            since,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(settings), result.GetValue(source), result.GetValue(since), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? settingsFile, string? source, string? sinceText, CancellationToken cancellationToken)
    {
        DateOnly? since = null;
        if (sinceText is not null)
        {
            if (!DateOnly.TryParseExact(sinceText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                await Console.Error.WriteLineAsync($"--since '{sinceText}' is not a day in the form yyyy-MM-dd (e.g. 2021-12-31).").ConfigureAwait(false);
                return 2;
            }

            since = day;
        }

        await using var services = await CommandServices.StartAsync(settingsFile, cancellationToken).ConfigureAwait(false);
        var progress = new ProgressLine("Reindexing");
        var summary = await services.Get<ReindexService>().ReindexAsync(source, since, progress, cancellationToken).ConfigureAwait(false);
        progress.Finish();
        Console.WriteLine($"{summary.Total} blobs: {summary.Parsed} parsed, {summary.Failed} failed" +
            (summary.Failed > 0 ? " (see `newsfeed failures`)" : string.Empty));
        return summary.Failed == 0 ? 0 : 1;
    }
}
