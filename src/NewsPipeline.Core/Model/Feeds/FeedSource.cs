using System.Text.Json;
using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Model.Feeds;

/// <summary>A configured feed: the source name its articles are filed under, where to read it, and its overrides.</summary>
/// <param name="Location">An http(s) URL, a <c>file:</c> URL or a local path.</param>
/// <param name="TimeoutSeconds">Per-request timeout for this feed, instead of <c>Fetch__TimeoutSeconds</c>.</param>
/// <param name="MaxFeedBytes">Response size cap for this feed, instead of <c>Fetch__MaxFeedBytes</c>.</param>
/// <param name="Enabled">False keeps the feed (and its state) listed but unfetched.</param>
public sealed partial record FeedSource(string Name, string Location, int? TimeoutSeconds = null, int? MaxFeedBytes = null, bool Enabled = true)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>
    /// Reads the <c>Feeds</c> setting. Either entries separated by ';' or new lines, each <c>name=url</c> or a bare URL
    /// (named after its host); or a JSON array of <c>{"name", "url", "timeoutSeconds", "maxFeedBytes", "enabled"}</c>
    /// for per-feed overrides. One app setting, so an operator changes the list without a redeploy.
    /// </summary>
    /// <param name="allowLocalFiles">
    /// Whether a feed may be a local file (<c>newsfeed</c> on a workstation). The Functions app reads only http(s):
    /// there, a typo such as <c>Feeds=garbage</c> would otherwise be taken for a path on the server.
    /// </param>
    public static IReadOnlyList<FeedSource> ParseList(string? setting, bool allowLocalFiles = true)
    {
        var text = (setting ?? string.Empty).Trim();
        var feeds = text.StartsWith('[') ? ParseJson(text) : ParsePairs(text);
        foreach (var feed in feeds)
        {
            CheckLocation(feed, allowLocalFiles);
        }

        var duplicate = feeds.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"Feed name '{duplicate.Key}' appears {duplicate.Count()} times in the Feeds setting; each feed needs its own name.");
        }

        return feeds;
    }

    private static List<FeedSource> ParsePairs(string text)
    {
        var feeds = new List<FeedSource>();
        foreach (var raw in text.Split([';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = raw.IndexOf('=', StringComparison.Ordinal);
            var schemeAt = raw.IndexOf(':', StringComparison.Ordinal);
            // "name=url", unless the '=' belongs to the URL's query ("https://x/feed?a=b").
            var named = equals >= 0 && (schemeAt < 0 || equals < schemeAt);
            if (named && raw[..equals].Trim().Length == 0)
            {
                throw new FormatException($"The Feeds entry '{raw}' has nothing before '=': write name=url, for example world=https://example.org/world.xml.");
            }

            var location = named ? raw[(equals + 1)..].Trim() : raw;
            feeds.Add(Validated(new FeedSource(named ? raw[..equals].Trim() : NameFor(location), location)));
        }

        return feeds;
    }

    private static List<FeedSource> ParseJson(string text)
    {
        List<JsonFeedEntry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<JsonFeedEntry>>(text, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The Feeds setting starts with '[' but is not a JSON array of feeds: {e.Message}", e);
        }

        return (entries ?? []).Select(e =>
        {
            if (string.IsNullOrWhiteSpace(e.Url))
            {
                throw new FormatException($"A feed in the Feeds setting has no \"url\" (name: '{e.Name}').");
            }

            return Validated(new FeedSource(string.IsNullOrWhiteSpace(e.Name) ? NameFor(e.Url) : e.Name.Trim(), e.Url.Trim(),
                e.TimeoutSeconds, e.MaxFeedBytes, e.Enabled ?? true));
        }).ToList();
    }

    private static void CheckLocation(FeedSource feed, bool allowLocalFiles)
    {
        var absolute = Uri.TryCreate(feed.Location, UriKind.Absolute, out var uri);
        if (absolute && uri!.Scheme is "http" or "https")
        {
            return;
        }

        var local = !absolute || uri!.IsFile;
        if (!local)
        {
            throw new FormatException($"Feed '{feed.Name}': '{uri!.Scheme}:' addresses are not fetched; a feed is an http(s) URL{(allowLocalFiles ? " or a local file" : string.Empty)}.");
        }

        if (!allowLocalFiles)
        {
            throw new FormatException($"Feed '{feed.Name}': '{feed.Location}' is not an http(s) URL. The Functions app fetches feeds over HTTP(S) only; local files are for `newsfeed` on your machine.");
        }
    }

    private static FeedSource Validated(FeedSource feed)
    {
        if (!ValidName().IsMatch(feed.Name))
        {
            throw new FormatException($"Feed name '{feed.Name}' in the Feeds setting is not a lower-case slug (a-z, 0-9, '-', '_', '.'): it names blob folders and table partitions.");
        }

        if (feed.TimeoutSeconds is < 1 or > 600 || feed.MaxFeedBytes is < 1024)
        {
            throw new FormatException($"Feed '{feed.Name}': timeoutSeconds must be 1–600 and maxFeedBytes at least 1024.");
        }

        return feed;
    }

    /// <summary>Whether <paramref name="name"/> is a valid feed (source) name: a lower-case slug of at most 63 characters.</summary>
    public static bool IsValidName(string name) => ValidName().IsMatch(name);

    /// <summary>A name for a feed given without one: its host without "www.", or a file's name (<see cref="SourceName"/>).</summary>
    public static string NameFor(string location) => SourceName.FromLocation(location) ?? "feed";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex ValidName();


    private sealed record JsonFeedEntry(string? Name, string? Url, int? TimeoutSeconds, int? MaxFeedBytes, bool? Enabled);
}
