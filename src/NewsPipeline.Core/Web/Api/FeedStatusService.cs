using System.Text.RegularExpressions;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Registry;

namespace NewsPipeline.Core.Web.Api;

/// <summary>The feeds of the registry with their schedule and state: what `GET /api/feeds` and `newsfeed feeds` show.</summary>
public sealed partial class FeedStatusService(FeedAdministration administration)
{
    public async Task<IReadOnlyList<FeedStatusResource>> ListAsync(CancellationToken cancellationToken) =>
        (await administration.ListAsync(cancellationToken).ConfigureAwait(false)).Select(ToResource).ToList();

    public static FeedStatusResource ToResource(FeedRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(
            s.Name, Redact(s.Url), s.DisabledReason != DisabledReasons.RemovedFromSetting, s.Enabled, s.DisabledReason, s.Origin, s.Title,
            s.SiteUrl is null ? null : Redact(s.SiteUrl), s.Category, s.Enabled ? s.NextCheckAt : null, s.IntervalMinutes, s.LastNewItemAt,
            s.LastAttempt, s.LastSuccess, s.HttpStatus, s.ConsecutiveFailures,
            PublicError(s.LastError, s.Url),
            s.ItemsSeen, s.ItemsNew, s.NextAttemptAfter, s.ETag, s.LastModified);
    }

    /// <summary>
    /// A feed's last error as the anonymous <c>/api/feeds</c> may show it: what failed, with the feed's own address
    /// redacted, and nothing else of where it went: a refused private address becomes a sentence without it, another
    /// host a redirect or a connection named (<c>(10.0.0.5:80)</c>, <c>http://internal/…</c>) becomes "another address",
    /// and the Location a redirect sent is not echoed. The full reason is in the fetch stage's log.
    /// </summary>
    public static string? PublicError(string? error, string feedUrl)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        if (error is null)
        {
            return null;
        }

        if (FeedAddressPolicy.PublicReason(error) is { } refused)
        {
            return refused;
        }

        var ownHost = Uri.TryCreate(feedUrl, UriKind.Absolute, out var own) && own.Scheme is "http" or "https" ? own.Host : null;
        var text = feedUrl.Length > 0 ? error.Replace(feedUrl, Redact(feedUrl), StringComparison.Ordinal) : error;
        text = LocationEcho().Replace(text, "without a Location it can follow");
        text = Addresses().Replace(text, match =>
            match.Value.StartsWith(JsonFeedVersion, StringComparison.Ordinal) ? match.Value
            : Uri.TryCreate(match.Value, UriKind.Absolute, out var other) && ownHost is not null && other.Scheme is "http" or "https"
              && string.Equals(other.Host, ownHost, StringComparison.OrdinalIgnoreCase)
                ? Redact(match.Value)
                : "another address");
        text = Endpoints().Replace(text, match =>
            string.Equals(match.Groups["host"].Value, ownHost, StringComparison.OrdinalIgnoreCase) ? match.Value : "(another address)");
        return IPv4().Replace(text, match => string.Equals(match.Value, ownHost, StringComparison.Ordinal) ? match.Value : "another address");
    }

    // The one address the project's own failure texts cite (a JSON document without a JSON Feed version).
    private const string JsonFeedVersion = "https://jsonfeed.org/version/";

    // The endpoint is anonymous, and feed URLs may carry credentials (user:password@, ?apikey=): show neither.
    private static string Redact(string url) => NewsPipeline.Core.Model.Feeds.FeedUrl.Redact(url);

    // "… without a Location it can follow ('{what the server sent}')": a header's value, not shown.
    [GeneratedRegex(@"without a Location it can follow \('.*'\)", RegexOptions.Singleline)]
    private static partial Regex LocationEcho();

    // An absolute URL of any scheme, without the punctuation that may follow it in a sentence.
    [GeneratedRegex(@"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s'""()<>]*[^\s'""()<>.,;:]")]
    private static partial Regex Addresses();

    // The "(host:port)" .NET appends to a connection error.
    [GeneratedRegex(@"\((?<host>[^()\s]+):(?<port>\d{1,5})\)")]
    private static partial Regex Endpoints();

    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}\b")]
    private static partial Regex IPv4();
}
