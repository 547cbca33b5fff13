using System.CommandLine;
using System.Globalization;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Opml;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Cli.Commands;

/// <summary><c>newsfeed feeds</c>: the feed registry — list, add, remove, enable, disable, and OPML import/export.</summary>
internal static class FeedsCommand
{
    public static Command Create(Option<FileInfo?> settings)
    {
        var command = new Command("feeds", """
            The feed registry (table `feeds`): every feed, when it is read next, and its health. Without a
            subcommand it lists them, as GET /api/feeds does: state (enabled, or why disabled), next check, interval,
            last success, HTTP status, failures in a row, items seen and new, and the last error or the URL.
            Feeds of the Feeds setting join the registry by themselves (origin `setting`); removing one from the
            setting disables it, its articles stay. The subcommands change the registry directly, as
            POST/DELETE /api/feeds do with a function key.

            Examples:
              newsfeed feeds
              newsfeed feeds add world https://example.org/world.xml
              newsfeed feeds import subscriptions.opml
              newsfeed feeds export feeds.opml
            """)
        {
            Add(settings),
            Remove(settings),
            Enable(settings, true),
            Enable(settings, false),
            Import(settings),
            Export(settings),
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.GetValue(settings), cancellationToken);
            var feeds = await services.Get<FeedStatusService>().ListAsync(cancellationToken);
            TextTable.Write(Console.Out, ["FEED", "STATE", "NEXT CHECK", "EVERY", "LAST SUCCESS", "STATUS", "FAILS", "SEEN", "NEW", "LAST ERROR / URL"], feeds.Select(f => new[]
            {
                f.Name,
                f.Enabled ? "enabled" : "disabled: " + (f.DisabledReason ?? "by an operator"),
                f.NextCheckAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-",
                f.IntervalMinutes is { } minutes ? $"{minutes} min" : "-",
                f.LastSuccess?.ToString("u", CultureInfo.InvariantCulture) ?? "never",
                f.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "-",
                f.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture),
                f.ItemsSeen.ToString(CultureInfo.InvariantCulture),
                f.ItemsNew.ToString(CultureInfo.InvariantCulture),
                f.LastError ?? f.Url,
            }));
            if (feeds.Count == 0)
            {
                Console.Error.WriteLine("No feeds yet: set the Feeds setting, or run `newsfeed feeds add NAME URL` or `newsfeed feeds import FILE.opml`.");
            }

            return 0;
        });
        return command;
    }

    private static Command Add(Option<FileInfo?> settings)
    {
        var name = new Argument<string>("name") { Description = "The feed's name: a lower-case slug; its articles are filed under articles/NAME/." };
        var url = new Argument<string>("url") { Description = "The feed's http(s) address (RSS, Atom, RDF or JSON Feed)." };
        var min = new Option<int?>("--min-interval") { Description = "Never ask more often than this many minutes (instead of Schedule__MinIntervalMinutes)." };
        var max = new Option<int?>("--max-interval") { Description = "Ask at least this often, in minutes (instead of Schedule__MaxIntervalMinutes)." };
        var title = new Option<string?>("--title") { Description = "A title to show and export." };
        var command = new Command("add", """
            Add a feed to the registry, due at once: the scheduler hands it to a fetch worker within a minute
            (`newsfeed run`), or `newsfeed fetch --feed NAME` reads it now.

            Example:
              newsfeed feeds add world https://example.org/world.xml --max-interval 120
            """) { name, url, min, max, title };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.GetValue(settings), cancellationToken);
            var feed = await services.Get<FeedAdministration>().AddAsync(result.GetValue(name)!, result.GetValue(url)!, result.GetValue(min), result.GetValue(max), result.GetValue(title), cancellationToken);
            Console.WriteLine($"Added {feed.Name} ({FeedUrl.Redact(feed.Url)}): due now.");
            return 0;
        });
        return command;
    }

    private static Command Remove(Option<FileInfo?> settings)
    {
        var name = new Argument<string>("name") { Description = "The feed to remove." };
        var command = new Command("remove", """
            Remove a feed from the registry: it is no longer scheduled. Its articles stay in storage and in the API
            (`newsfeed reindex --source NAME` still finds them). A feed of the Feeds setting comes back at the next
            start unless it is removed from the setting too; to pause one, use `disable`.
            """) { name };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.GetValue(settings), cancellationToken);
            var feed = result.GetValue(name)!;
            if (!await services.Get<FeedAdministration>().RemoveAsync(feed, cancellationToken))
            {
                throw new FeedChangeException($"The registry has no feed named '{feed}': `newsfeed feeds` lists them.");
            }

            Console.WriteLine($"Removed {feed} from the registry; its articles are kept.");
            return 0;
        });
        return command;
    }

    private static Command Enable(Option<FileInfo?> settings, bool enable)
    {
        var name = new Argument<string>("name") { Description = enable ? "The feed to enable." : "The feed to disable." };
        var command = new Command(enable ? "enable" : "disable", enable
            ? "Enable a feed: due at once, its failure count forgotten (for a feed disabled after failures, once its URL or server is fixed)."
            : "Disable a feed: it stays in the registry with its state and articles, and is not fetched until enabled.") { name };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.GetValue(settings), cancellationToken);
            var feed = result.GetValue(name)!;
            _ = await services.Get<FeedAdministration>().SetEnabledAsync(feed, enable, cancellationToken)
                ?? throw new FeedChangeException($"The registry has no feed named '{feed}': `newsfeed feeds` lists them.");
            Console.WriteLine(enable ? $"Enabled {feed}: due now." : $"Disabled {feed}; `newsfeed feeds enable {feed}` turns it back on.");
            return 0;
        });
        return command;
    }

    private static Command Import(Option<FileInfo?> settings)
    {
        var file = new Argument<FileInfo>("file") { Description = "An OPML file, as feed readers export it." };
        var command = new Command("import", """
            Import the feeds of an OPML 2.0 file (nested folders become each feed's category). Every entry is
            reported: added (with the name it got, from its title), already in the registry (same URL), a duplicate
            of an earlier line, or invalid (no xmlUrl, not http(s)). A file that is not well-formed OPML imports
            nothing and exits 1.

            Example:
              newsfeed feeds import subscriptions.opml
            """) { file };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw new FeedChangeException($"'{path.FullName}' does not exist.");
            }

            if (path.Length > Opml.MaxBytes)
            {
                throw new FeedChangeException($"'{path.Name}' is {path.Length:N0} bytes, over the {Opml.MaxBytes:N0} an OPML import reads.");
            }

            IReadOnlyList<OpmlEntry> entries;
            await using (var stream = path.OpenRead())
            {
                entries = Opml.Read(stream);
            }

            await using var services = await CommandServices.StartAsync(result.GetValue(settings), cancellationToken);
            var progress = new ProgressLine("Importing feeds");
            var report = await services.Get<FeedAdministration>().ImportAsync(entries, progress, cancellationToken);
            progress.Finish();
            TextTable.Write(Console.Out, ["LINE", "OUTCOME", "NAME", "TITLE", "WHY / URL"], report.Entries.Select(e => new[]
            {
                e.Line.ToString(CultureInfo.InvariantCulture),
                e.Outcome switch
                {
                    OpmlImportOutcome.Added => "added",
                    OpmlImportOutcome.AlreadyInRegistry => "exists",
                    OpmlImportOutcome.DuplicateInFile => "duplicate",
                    _ => "invalid",
                },
                e.Name ?? "-",
                e.Title ?? "-",
                e.Reason ?? FeedUrl.Redact(e.Url ?? string.Empty),
            }));
            Console.WriteLine($"{report.Count(OpmlImportOutcome.Added)} added, {report.Count(OpmlImportOutcome.AlreadyInRegistry)} already in the registry, " +
                $"{report.Count(OpmlImportOutcome.DuplicateInFile)} duplicates, {report.Count(OpmlImportOutcome.Invalid)} invalid.");
            return 0;
        });
        return command;
    }

    private static Command Export(Option<FileInfo?> settings)
    {
        var file = new Argument<FileInfo?>("file") { Description = "Where to write the OPML file (default: standard output).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("export", """
            Write every feed of the registry as OPML 2.0 (type="rss", title, xmlUrl, htmlUrl, folders by category),
            to import into any feed reader, or into another NewsPipeline. Unlike GET /api/feeds?format=opml (anonymous,
            so addresses are redacted), the export keeps full URLs: treat the file as a secret if your feeds carry keys.

            Examples:
              newsfeed feeds export
              newsfeed feeds export feeds.opml
            """) { file };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.GetValue(settings), cancellationToken);
            var opml = await services.Get<FeedAdministration>().ExportAsync(cancellationToken);
            if (result.GetValue(file) is { } target)
            {
                await File.WriteAllTextAsync(target.FullName, opml, cancellationToken);
                Console.Error.WriteLine($"Wrote {target.FullName}.");
            }
            else
            {
                Console.Out.Write(opml);
            }

            return 0;
        });
        return command;
    }
}
