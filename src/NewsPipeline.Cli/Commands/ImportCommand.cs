using System.CommandLine;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Services.Pipeline;

namespace NewsPipeline.Cli.Commands;

internal static class ImportCommand
{
    public static Command Create(Option<FileInfo?> settings)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files, or folders searched recursively for .md, .html and .htm documents.", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string?>("--source") { Description = "File every article under this source (a lower-case slug); by default each is filed under its site (www.voachinese.com → voachinese.com, the name a feed of that site gets)." };
        var resume = new Option<bool>("--resume") { Description = "Go on from where an interrupted run of the same import stopped (its checkpoint file)." };
        var checkpoint = new Option<string>("--checkpoint") { Description = "The checkpoint file.", DefaultValueFactory = _ => CheckpointFile<ImportCheckpoint>.DefaultPath("import") };
        var stories = new Option<bool>("--stories") { Description = "Also find each new article's story as the pipeline does (about 18 table requests an article, so an import runs far slower); without it, run 'newsfeed reindex --all' afterwards to give imported articles their stories." };
        var command = new Command("import", $"""
            Upload archived articles (or HTML article pages) into the articles container and parse them, as if the
            fetcher had written them. Safe to repeat: an article already stored is skipped. Documents that are not
            articles are listed with the reason and not uploaded. Documents are streamed {ImportService.ChunkSize:N0} at a
            time (memory stays flat at any archive size), parsed in parallel and indexed in table batches; after each
            chunk a checkpoint is saved, and --resume goes on from it after a crash or Ctrl-C. Imported articles get no
            story (the reports of one event across outlets) unless --stories is given: that clusters each new article in
            order of publication within each chunk, as the parse stage does, at about 18 table requests an article.
            Exit code 1 when any failed, 2 on bad arguments.

            Examples:
              newsfeed import ~/archive
              newsfeed import --source voachinese ~/archive/voa/*.md
              newsfeed import --resume ~/archive
              newsfeed import --stories ~/archive/2020-06-30
            """)
        {
            paths,
            source,
            resume,
            checkpoint,
            stories,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(settings), result.GetValue(paths) ?? [], result.GetValue(source),
            result.GetValue(resume), result.GetValue(checkpoint)!, result.GetValue(stories), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? settingsFile, string[] paths, string? source, bool resume, string checkpointPath, bool stories, CancellationToken cancellationToken)
    {
        IEnumerable<string> files;
        long total;
        try
        {
            files = ImportService.EnumerateDocuments(paths);
            // Counted first, for the progress bar's total and ETA: a walk of the folders, no file read or kept.
            total = files.LongCount();
        }
        catch (FileNotFoundException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        var work = $"import of {string.Join(", ", paths.Select(Path.GetFullPath))} source={source ?? "*"}{(stories ? " stories" : "")}";
        var checkpoints = new CheckpointFile<ImportCheckpoint>(checkpointPath, work);
        var (usable, from) = await checkpoints.ForResumeAsync(resume, c => $"{c.Done:N0} documents (the last {c.LastDone})").ConfigureAwait(false);
        if (!usable)
        {
            return 2;
        }

        await using var services = await CommandServices.StartAsync(settingsFile, cancellationToken).ConfigureAwait(false);
        var progress = new ProgressLine("Importing");
        ImportSummary summary;
        try
        {
            summary = await services.Get<ImportService>().ImportAsync(files, total, source, from, progress, checkpoints.SaveAsync, cancellationToken, findStories: stories).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            progress.Finish();
            await Console.Error.WriteLineAsync(CommandErrors.PlainMessage(e)).ConfigureAwait(false);
            return 2;
        }

        progress.Finish();
        checkpoints.Delete();
        foreach (var failure in summary.Failures)
        {
            Console.WriteLine($"failed   {failure.Path}: {failure.Reason}");
        }

        Console.WriteLine($"{summary.Imported} imported, {summary.Skipped} skipped (already stored), {summary.Failed} failed");
        return summary.Failed == 0 ? 0 : 1;
    }
}
