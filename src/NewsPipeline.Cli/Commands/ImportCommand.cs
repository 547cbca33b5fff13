using System.CommandLine;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Cli.Commands;

internal static class ImportCommand
{
    public static Command Create(Option<FileInfo?> settings)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files, or folders searched recursively for .md, .html and .htm documents.", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string?>("--source") { Description = "File every article under this source (a lower-case slug); by default each is filed under its site (www.voachinese.com → voachinese-com)." };
        var command = new Command("import", """
            Upload archived articles (or HTML article pages) into the articles container and parse them, as if the
            fetcher had written them. Safe to repeat: an article already stored is skipped. Documents that are not
            articles are listed with the reason and not uploaded. Exit code 1 when any failed.

            Examples:
              newsfeed import ~/archive
              newsfeed import --source voachinese ~/archive/voa/*.md
            """)
        {
            paths,
            source,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(settings), result.GetValue(paths) ?? [], result.GetValue(source), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? settingsFile, string[] paths, string? source, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> files;
        try
        {
            files = ImportService.FindDocuments(paths);
        }
        catch (FileNotFoundException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        await using var services = await CommandServices.StartAsync(settingsFile, cancellationToken).ConfigureAwait(false);
        var progress = new ProgressLine("Importing");
        ImportSummary summary;
        try
        {
            summary = await services.Get<ImportService>().ImportAsync(files, source, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            progress.Finish();
            await Console.Error.WriteLineAsync(CommandErrors.PlainMessage(e)).ConfigureAwait(false);
            return 2;
        }

        progress.Finish();
        foreach (var failure in summary.Failures)
        {
            Console.WriteLine($"failed   {failure.Path}: {failure.Reason}");
        }

        Console.WriteLine($"{summary.Imported} imported, {summary.Skipped} skipped (already stored), {summary.Failed} failed");
        return summary.Failed == 0 ? 0 : 1;
    }
}
