using System.CommandLine;
using System.Globalization;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Cli.Commands;

internal static class FeedsCommand
{
    public static Command Create(Option<FileInfo?> settings)
    {
        var command = new Command("feeds", """
            Show every configured feed with its stored state, as GET /api/feeds does: last attempt and success,
            HTTP status, consecutive failures and the last error, items seen and new in the last fetch, and the time
            a Retry-After asked us to wait for. Feeds no longer configured but with state are listed too.
            """);
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.GetValue(settings), cancellationToken);
            var feeds = await services.Get<FeedStatusService>().ListAsync(cancellationToken);
            TextTable.Write(Console.Out, ["FEED", "LAST SUCCESS", "STATUS", "FAILS", "SEEN", "NEW", "LAST ERROR / URL"], feeds.Select(f => new[]
            {
                f.Name + (f.Configured ? f.Enabled ? "" : " (disabled)" : " (removed)"),
                f.LastSuccess?.ToString("u", CultureInfo.InvariantCulture) ?? "never",
                f.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "-",
                f.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture),
                f.ItemsSeen.ToString(CultureInfo.InvariantCulture),
                f.ItemsNew.ToString(CultureInfo.InvariantCulture),
                f.LastError ?? f.Url,
            }));
            return 0;
        });
        return command;
    }
}
