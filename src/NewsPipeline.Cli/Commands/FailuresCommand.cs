using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Cli.Commands;

internal static class FailuresCommand
{
    public static Command Create(Option<FileInfo?> settings)
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per failure, one per line." };
        var command = new Command("failures", """
            List the blobs that could not be parsed, with the reason, the number of attempts and the parser version
            that last tried. The blobs are untouched; after fixing the parser, `newsfeed reindex` retries them.
            """)
        {
            json,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(settings), result.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? settingsFile, bool json, CancellationToken cancellationToken)
    {
        await using var services = await CommandServices.StartAsync(settingsFile, cancellationToken).ConfigureAwait(false);
        var count = 0;
        await foreach (var failure in services.Get<ParseFailureStore>().ListAsync(cancellationToken).ConfigureAwait(false))
        {
            count++;
            Console.WriteLine(json
                ? JsonSerializer.Serialize(failure, MetadataJson.Options)
                : $"{failure.BlobName}\n  {failure.Reason}\n  {failure.Attempts} attempt(s), last {failure.LastAttempt.ToString("u", CultureInfo.InvariantCulture)}, parser v{failure.ParserVersion}");
        }

        if (!json)
        {
            Console.WriteLine(count == 0 ? "No parse failures." : $"{count} parse failure(s).");
        }

        return 0;
    }
}
