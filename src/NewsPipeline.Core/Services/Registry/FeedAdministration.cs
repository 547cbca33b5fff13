using System.Text.RegularExpressions;
using NewsPipeline.Core.Model;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Opml;
using NewsPipeline.Core.Storage.Registry;

namespace NewsPipeline.Core.Services.Registry;

/// <summary>A change to the registry that cannot be made as asked: the message says why and what to do.</summary>
public sealed class FeedChangeException(string message) : InvalidOperationException(message);

/// <summary>What an import did with one OPML entry.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<OpmlImportOutcome>))]
public enum OpmlImportOutcome
{
    Added,
    AlreadyInRegistry,
    DuplicateInFile,
    Invalid,
}

/// <param name="Name">The feed's name in the registry (added, or the existing one for the same URL).</param>
public sealed record OpmlImportLine(int Line, string? Title, string? Url, string? Name, OpmlImportOutcome Outcome, string? Reason);

public sealed record OpmlImportReport(IReadOnlyList<OpmlImportLine> Entries)
{
    public int Count(OpmlImportOutcome outcome) => Entries.Count(e => e.Outcome == outcome);
}

/// <summary>
/// The registry as people change it — <c>newsfeed feeds add|remove|enable|disable|import|export</c> and
/// <c>POST/DELETE /api/feeds…</c> (function key): every change one ETag-conditioned transaction per feed, so a change
/// is whole or absent. Removing a feed removes it from the schedule, never its articles.
/// </summary>
/// <remarks>
/// Reading or changing the registry never seeds it from the <c>Feeds</c> setting: that happens where the pipeline runs
/// (the scheduler of the Functions app and of <c>newsfeed run</c>) or when asked (<see cref="FeedRegistrySeeder"/>), so a
/// command run with another environment cannot add or disable feeds as a side effect.
/// </remarks>
public sealed partial class FeedAdministration(FeedRegistryStore registry, TimeProvider clock)
{
    public Task<IReadOnlyList<FeedRecord>> ListAsync(CancellationToken cancellationToken) => registry.ListAsync(cancellationToken);

    /// <summary>Adds one feed, due at once. Throws <see cref="FeedChangeException"/> for a bad name, URL or bounds, or a name in use.</summary>
    public async Task<FeedRecord> AddAsync(string name, string url, int? minIntervalMinutes, int? maxIntervalMinutes, string? title, CancellationToken cancellationToken)
    {
        if (!FeedSource.IsValidName(name ?? string.Empty))
        {
            throw new FeedChangeException($"'{name}' is not a feed name: use a lower-case slug (a-z, 0-9, '-', '_', '.'), at most 63 characters, for example 'world-news'.");
        }

        if (UrlProblem(url) is { } problem)
        {
            throw new FeedChangeException($"Feed '{name}': {problem}.");
        }

        if (minIntervalMinutes is < 1 or > 7 * 24 * 60 || maxIntervalMinutes is < 1 or > 7 * 24 * 60 || minIntervalMinutes > maxIntervalMinutes)
        {
            throw new FeedChangeException($"Feed '{name}': the interval bounds must be 1–10080 minutes, the minimum not above the maximum.");
        }

        if ((await registry.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => string.Equals(f.Url, url, StringComparison.Ordinal)) is { } known)
        {
            throw new FeedChangeException($"The registry has this URL already, as '{known.Name}': nothing was added.");
        }

        var feed = new FeedRecord
        {
            Name = name!,
            Url = url,
            Title = title,
            MinIntervalMinutes = minIntervalMinutes,
            MaxIntervalMinutes = maxIntervalMinutes,
            NextCheckAt = clock.GetUtcNow(),
        };
        if (!await registry.TryAddAsync(feed, cancellationToken).ConfigureAwait(false))
        {
            throw new FeedChangeException($"A feed named '{name}' is already in the registry: pick another name, or remove it first.");
        }

        return feed;
    }

    /// <summary>Removes a feed from the registry (its articles stay). False when there was none of that name.</summary>
    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken) => registry.RemoveAsync(name, cancellationToken);

    /// <summary>
    /// Enables (due at once, failures forgotten) or disables (by an operator) a feed. Null when there is no such feed.
    /// </summary>
    public Task<FeedRecord?> SetEnabledAsync(string name, bool enabled, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Enabling a feed that is enabled but failing is how an operator says "I fixed it, try now": it is made due and its
        // failures forgotten all the same. Only an enabled feed with nothing to forget and already due is left alone.
        return registry.UpdateAsync(name, current => enabled
            ? current.Enabled && current.ConsecutiveFailures == 0 && current.NextAttemptAfter is null && current.NextCheckAt <= now ? null
                : current with { Enabled = true, DisabledReason = null, ConsecutiveFailures = 0, NextAttemptAfter = null, NextCheckAt = now, ClaimId = null }
            : current.Enabled ? current with { Enabled = false, DisabledReason = DisabledReasons.ByOperator, ClaimId = null } : null,
            cancellationToken);
    }

    /// <summary>
    /// Imports the feeds of an OPML file already read (<see cref="Opml.Read"/>: a malformed file fails there, before
    /// anything is written). Each valid entry is added in its own transaction; an entry whose URL the registry or an
    /// earlier entry has, or that is broken, is reported and skipped.
    /// </summary>
    public async Task<OpmlImportReport> ImportAsync(IReadOnlyList<OpmlEntry> entries, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var existing = await ListAsync(cancellationToken).ConfigureAwait(false);
        var byUrl = existing.GroupBy(f => f.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var names = existing.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = new OpmlImportLine[entries.Count];
        var toAdd = new List<(int Index, FeedRecord Feed)>();
        var now = clock.GetUtcNow();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Problem is not null)
            {
                lines[i] = new(entry.Line, entry.Title, entry.XmlUrl, null, OpmlImportOutcome.Invalid, entry.Problem);
            }
            else if (byUrl.TryGetValue(entry.XmlUrl!, out var known))
            {
                lines[i] = new(entry.Line, entry.Title, entry.XmlUrl, known, OpmlImportOutcome.AlreadyInRegistry, $"the registry has this URL as '{known}'");
            }
            else if (firstLine.TryGetValue(entry.XmlUrl!, out var first))
            {
                lines[i] = new(entry.Line, entry.Title, entry.XmlUrl, null, OpmlImportOutcome.DuplicateInFile, $"the same URL as line {first}");
            }
            else
            {
                firstLine[entry.XmlUrl!] = entry.Line;
                var name = UniqueName(entry, names);
                names.Add(name);
                toAdd.Add((i, new FeedRecord
                {
                    Name = name,
                    Url = entry.XmlUrl!,
                    Title = entry.Title,
                    SiteUrl = entry.HtmlUrl is { } site && UrlProblem(site) is null ? site : null,
                    Category = entry.Category,
                    NextCheckAt = now,
                }));
            }
        }

        var done = entries.Count - toAdd.Count;
        progress?.Report(new BatchProgress(done, entries.Count, 0, string.Empty));
        await Parallel.ForEachAsync(toAdd, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (add, ct) =>
        {
            var entry = entries[add.Index];
            var added = await registry.TryAddAsync(add.Feed, ct).ConfigureAwait(false);
            // Added meanwhile by someone else under the same name: reported, never overwritten.
            lines[add.Index] = added
                ? new(entry.Line, entry.Title, entry.XmlUrl, add.Feed.Name, OpmlImportOutcome.Added, null)
                : new(entry.Line, entry.Title, entry.XmlUrl, add.Feed.Name, OpmlImportOutcome.AlreadyInRegistry, $"a feed named '{add.Feed.Name}' was added meanwhile");
            progress?.Report(new BatchProgress(Interlocked.Increment(ref done), entries.Count, 0, add.Feed.Name));
        }).ConfigureAwait(false);
        return new OpmlImportReport(lines);
    }

    public async Task<string> ExportAsync(CancellationToken cancellationToken) =>
        Opml.Write(await ListAsync(cancellationToken).ConfigureAwait(false), clock.GetUtcNow());

    private static string? UrlProblem(string? url) =>
        string.IsNullOrWhiteSpace(url) ? "no URL was given"
        : !Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"'{url}' is not an absolute URL"
        : uri.Scheme is not ("http" or "https") ? $"'{uri.Scheme}:' addresses are not fetched; a feed is an http(s) URL"
        : null;

    // The title as a slug ("BBC News – World" → "bbc-news-world"), else the host; made unique with -2, -3 …
    private static string UniqueName(OpmlEntry entry, HashSet<string> taken)
    {
        var slug = NotSlug().Replace((entry.Title ?? string.Empty).ToLowerInvariant(), "-").Trim('-', '.', '_');
        var basis = slug.Length > 0 ? slug : FeedSource.NameFor(entry.XmlUrl!);
        basis = basis.Length > 56 ? basis[..56].TrimEnd('-', '.', '_') : basis;
        if (!FeedSource.IsValidName(basis))
        {
            basis = "feed";
        }

        var name = basis;
        for (var n = 2; taken.Contains(name); n++)
        {
            name = $"{basis}-{n}";
        }

        return name;
    }

    [GeneratedRegex("[^a-z0-9._-]+")]
    private static partial Regex NotSlug();
}
