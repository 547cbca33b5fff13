using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Feeds;

/// <summary>A configured feed: the source name its articles are filed under, and where to read it.</summary>
/// <param name="Location">An http(s) URL, a <c>file:</c> URL or a local path.</param>
public sealed partial record FeedSource(string Name, string Location)
{
    /// <summary>
    /// Reads the <c>Feeds</c> setting: entries separated by ';' or new lines, each <c>name=url</c> or a bare URL
    /// (named after its host). One app setting, so an operator changes the list without a redeploy.
    /// </summary>
    public static IReadOnlyList<FeedSource> ParseList(string? setting)
    {
        var feeds = new List<FeedSource>();
        foreach (var raw in (setting ?? string.Empty).Split([';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = raw.IndexOf('=', StringComparison.Ordinal);
            var schemeAt = raw.IndexOf(':', StringComparison.Ordinal);
            // "name=url", unless the '=' belongs to the URL's query ("https://x/feed?a=b").
            var named = equals > 0 && (schemeAt < 0 || equals < schemeAt);
            var location = named ? raw[(equals + 1)..].Trim() : raw;
            var name = named ? raw[..equals].Trim() : NameFor(location);
            if (!ValidName().IsMatch(name))
            {
                throw new FormatException($"Feed name '{name}' in the Feeds setting is not a lower-case slug (a-z, 0-9, '-', '_', '.'): it names blob folders and table partitions.");
            }

            feeds.Add(new FeedSource(name, location));
        }

        return feeds;
    }

    /// <summary>A name for a feed given without one: its host without "www.", or a file's name.</summary>
    public static string NameFor(string location)
    {
        var text = Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host
            : Path.GetFileNameWithoutExtension(uri?.IsFile == true ? uri.LocalPath : location);
        var slug = NotSlug().Replace(text.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "feed" : slug;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex ValidName();

    [GeneratedRegex("[^a-z0-9._-]+")]
    private static partial Regex NotSlug();
}
