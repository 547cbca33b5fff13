using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Storage.Tables;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace NewsPipeline.Core.Web.Api;

/// <summary>A bad query parameter: which one, and what was expected.</summary>
public sealed record ParameterError(string Parameter, string Detail);

/// <summary>
/// <c>GET /api/items</c>'s query, validated. Every value that later reaches a table filter is checked against a
/// narrow shape here, and is passed to the filter only as a parameter (TableClient.CreateQueryFilter).
/// </summary>
public sealed partial record ItemsRequest(TimelineQuery Query, ResponseFormat Format, string? Story = null)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxSources = 10;

    /// <summary>The query parameters <c>GET /api/items</c> understands (openapi.json lists the same).</summary>
    public static readonly string[] Parameters = ["limit", "source", "since", "until", "lang", "cursor", "format", "story"];

    // The timeline's filters and cursor, which a story's list does not take.
    private static readonly string[] TimelineOnly = ["source", "since", "until", "lang", "cursor"];

    public static (ItemsRequest? Request, ParameterError? Error) Parse(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        if (QueryParameters.Unknown(query, Parameters, "/api/items") is { } unknown)
        {
            return (null, unknown);
        }

        var limit = DefaultLimit;
        if (Single(query, "limit", out var limitText) is { } limitError)
        {
            return (null, limitError);
        }

        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return (null, new("limit", $"limit must be a whole number from 1 to {MaxLimit}; got '{Shorten(limitText)}'."));
        }

        // Several sources: source=a&source=b or source=a,b.
        var sources = query["source"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries)).ToList();
        if (sources.Any(s => !FeedSource.IsValidName(s)))
        {
            var bad = sources.First(s => !FeedSource.IsValidName(s));
            return (null, new("source", $"source must be one or more feed names (lower-case a-z, 0-9, '.', '_', '-'), comma-separated or repeated; got '{Shorten(bad)}'."));
        }

        sources = sources.Distinct(StringComparer.Ordinal).ToList();
        if (sources.Count > MaxSources)
        {
            return (null, new("source", $"source names at most {MaxSources} feeds at once; got {sources.Count}."));
        }

        if (ParseTime(query, "since", out var since) is { } sinceError)
        {
            return (null, sinceError);
        }

        if (ParseTime(query, "until", out var until) is { } untilError)
        {
            return (null, untilError);
        }

        if (since is not null && until is not null && since >= until)
        {
            return (null, new("since", $"since ({since:O}) must be earlier than until ({until:O})."));
        }

        if (Single(query, "lang", out var lang) is { } langError)
        {
            return (null, langError);
        }

        // Only the languages the parser assigns: any other value would match nothing, after reading every month of the timeline.
        if (lang is not null)
        {
            var given = lang;
            lang = QueryParameters.OneOf(given, "en", "zh-Hans", "zh-Hant", "other");
            if (lang is null)
            {
                return (null, new("lang", $"lang must be one of en, zh-Hans, zh-Hant or other (the languages the parser assigns); got '{Shorten(given)}'."));
            }
        }

        if (Single(query, "cursor", out var cursorText) is { } cursorError)
        {
            return (null, cursorError);
        }

        TimelinePosition? cursor = null;
        if (cursorText is not null && (cursor = ItemsCursor.TryDecode(cursorText)) is null)
        {
            return (null, new("cursor", "cursor is not one this API wrote: pass the 'next' URL of the previous page as it is."));
        }

        if (Single(query, "format", out var formatText) is { } formatError)
        {
            return (null, formatError);
        }

        ResponseFormat format;
        switch (formatText?.ToLowerInvariant())
        {
            case null:
                format = FromAccept(request.Headers.Accept);
                break;
            case "json":
                format = ResponseFormat.Json;
                break;
            case "jsonfeed":
                format = ResponseFormat.JsonFeed;
                break;
            case "rss":
                format = ResponseFormat.Rss;
                break;
            default:
                return (null, new("format", $"format must be json, jsonfeed or rss; got '{Shorten(formatText)}'."));
        }

        if (Single(query, "story", out var story) is { } storyError)
        {
            return (null, storyError);
        }

        if (story is not null)
        {
            if (!StoryIdShape().IsMatch(story))
            {
                return (null, new("story", $"story must be a story id (letters, digits, '-' and '_', as /api/stories gives it); got '{Shorten(story)}'."));
            }

            // A story's reports are one short list, read by id: the timeline's filters and cursor do not apply to it.
            if (TimelineOnly.FirstOrDefault(query.ContainsKey) is { } other)
            {
                return (null, new(other, $"{other} cannot be combined with story: a story's reports are listed whole (up to limit), newest first."));
            }
        }

        return (new ItemsRequest(new TimelineQuery(limit, sources, since, until, lang, cursor), format, story), null);
    }

    /// <summary>The format a reader's Accept header asks for; JSON unless it prefers a feed type.</summary>
    private static ResponseFormat FromAccept(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (!MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return ResponseFormat.Json;
        }

        foreach (var type in types.OrderByDescending(t => t.Quality ?? 1))
        {
            if (type.Quality == 0)
            {
                continue;
            }

            if (type.MediaType.Equals("application/feed+json", StringComparison.OrdinalIgnoreCase))
            {
                return ResponseFormat.JsonFeed;
            }

            if (type.MediaType.Equals("application/rss+xml", StringComparison.OrdinalIgnoreCase))
            {
                return ResponseFormat.Rss;
            }

            if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.MediaType.Equals("*/*", StringComparison.Ordinal))
            {
                return ResponseFormat.Json;
            }
        }

        return ResponseFormat.Json;
    }

    private static ParameterError? Single(IQueryCollection query, string name, out string? value)
    {
        value = null;
        var values = query[name];
        if (values.Count > 1)
        {
            return new ParameterError(name, $"{name} may be given once; got {values.Count} values.");
        }

        value = values.Count == 1 ? values[0] : null;
        if (value is { Length: 0 })
        {
            return new ParameterError(name, $"{name} is empty: leave it out or give a value.");
        }

        return null;
    }

    private static ParameterError? ParseTime(IQueryCollection query, string name, out DateTimeOffset? time)
    {
        time = null;
        if (Single(query, name, out var text) is { } error)
        {
            return error;
        }

        if (text is null)
        {
            return null;
        }

        // An unencoded '+' of an offset arrives as a space: read it as the '+' it was.
        var iso = text.Replace(' ', '+');
        if (!IsoTime().IsMatch(iso) || !DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return new ParameterError(name, $"{name} must be an ISO 8601 date or time such as 2026-11-24 or 2026-11-24T08:00:00Z (no zone means UTC); got '{Shorten(text)}'.");
        }

        // The timeline holds articles from 1970 on; the extremes of DateTimeOffset have no bucket and no neighbour tick.
        if (parsed.Year is < 1970 or > 9998)
        {
            return new ParameterError(name, $"{name} must be between 1970 and 9998; got '{Shorten(text)}'.");
        }

        time = parsed;
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTime();

    [GeneratedRegex("^[0-9A-Za-z_-]{2,128}$", RegexOptions.CultureInvariant)]
    internal static partial Regex StoryIdShape();
}
