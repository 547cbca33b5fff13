using System.CommandLine;
using System.Globalization;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Services.Pipeline;

namespace NewsPipeline.Cli.Commands;

internal static class ReindexCommand
{
    public static Command Create(Option<FileInfo?> settings)
    {
        var source = new Option<string?>("--source") { Description = "Only this source's articles." };
        var since = new Option<string?>("--since") { Description = "Only articles filed on or after this day (yyyy-MM-dd, UTC)." };
        var all = new Option<bool>("--all") { Description = "Re-parse rows already at the current parser version too (by default they are skipped without a download)." };
        var resume = new Option<bool>("--resume") { Description = "Go on from where an interrupted run of the same reindex stopped (its checkpoint file)." };
        var checkpoint = new Option<string>("--checkpoint") { Description = "The checkpoint file.", DefaultValueFactory = _ => CheckpointFile<ReindexCheckpoint>.DefaultPath("reindex") };
        var missing = new Option<bool>("--missing") { Description = "Only parse blobs of the last days that have neither a row nor a recorded failure (what the hourly reconciliation does), and replay dead-lettered Event Grid events." };
        var days = new Option<int>("--days") { Description = "With --missing: days checked back from today (UTC), today included.", DefaultValueFactory = _ => 2 };
        var command = new Command("reindex", """
            Re-parse stored article blobs and rewrite their rows: after a parser upgrade (rows of an older
            parserVersion are replaced, never duplicated) or for blobs whose Event Grid event was missed.
            Rows already at the current parser version are skipped unless --all. The listing is streamed,
            so memory stays flat at any archive size; after each source-day a checkpoint is saved, and
            --resume goes on from it after a crash or Ctrl-C. Documents that still cannot be parsed are
            recorded (see `newsfeed failures`). Exit code 1 when any failed, 2 on bad arguments.

            --missing runs the reconciliation pass instead (ReconcileArticles in Azure, hourly): blobs of
            the last --days days without a row or a failure are parsed; dead-lettered events are replayed.

            Examples:
              newsfeed reindex
              newsfeed reindex --source voachinese --since 2021-12-01 --all
              newsfeed reindex --resume
              newsfeed reindex --missing --days 7
            """)
        {
            source,
            since,
            all,
            resume,
            checkpoint,
            missing,
            days,
        };
        command.SetAction((result, cancellationToken) => result.GetValue(missing)
            ? MissingAsync(result.GetValue(settings), result.GetValue(days), cancellationToken)
            : RunAsync(result.GetValue(settings), result.GetValue(source), result.GetValue(since), result.GetValue(all), result.GetValue(resume),
                result.GetValue(checkpoint)!, cancellationToken));
        return command;
    }

    private static async Task<int> MissingAsync(FileInfo? settingsFile, int days, CancellationToken cancellationToken)
    {
        if (days is < 1 or > 366)
        {
            await Console.Error.WriteLineAsync($"--days {days} is not between 1 and 366.").ConfigureAwait(false);
            return 2;
        }

        await using var services = await CommandServices.StartAsync(settingsFile, cancellationToken).ConfigureAwait(false);
        var progress = new ProgressLine("Parsing missing");
        // No settle time: an operator asking now wants every blob now; a blob also on its way through Event Grid is
        // parsed twice, which leaves the same rows.
        var summary = await services.Get<ReconcileService>().RunAsync(days, TimeSpan.Zero, progress, cancellationToken).ConfigureAwait(false);
        progress.Finish();
        Console.WriteLine($"{summary.Checked} blobs checked in the last {days} days: {summary.Missing} had no row or failure " +
            $"({summary.Parsed} parsed, {summary.Failed} failed); {summary.Replayed} dead-lettered events replayed" +
            (summary.Failed > 0 ? " (see `newsfeed failures`)" : string.Empty));
        return summary.Failed == 0 ? 0 : 1;
    }

    private static async Task<int> RunAsync(FileInfo? settingsFile, string? source, string? sinceText, bool all, bool resume, string checkpointPath,
        CancellationToken cancellationToken)
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
        var storage = services.Get<Microsoft.Extensions.Options.IOptions<NewsPipeline.Core.Storage.StorageOptions>>().Value;
        var work = $"reindex of {storage.ArticlesContainer} source={source ?? "*"} since={sinceText ?? "*"} all={all}";
        var checkpoints = new CheckpointFile<ReindexCheckpoint>(checkpointPath, work);
        var (usable, from) = await checkpoints.ForResumeAsync(resume, c => c.LastDone).ConfigureAwait(false);
        if (!usable)
        {
            return 2;
        }

        var progress = new ProgressLine("Reindexing");
        var summary = await services.Get<ReindexService>().ReindexAsync(new ReindexRequest(source, since, all, from), progress,
            checkpoints.SaveAsync, cancellationToken).ConfigureAwait(false);
        progress.Finish();
        checkpoints.Delete();
        Console.WriteLine($"{summary.Total} blobs: {summary.Parsed} parsed, {summary.Current} already current, {summary.Failed} failed" +
            (summary.Failed > 0 ? " (see `newsfeed failures`)" : string.Empty));
        return summary.Failed == 0 ? 0 : 1;
    }
}
