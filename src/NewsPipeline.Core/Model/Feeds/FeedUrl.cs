namespace NewsPipeline.Core.Model.Feeds;

/// <summary>How a feed's address may be shown in logs and on the anonymous <c>/api/feeds</c>.</summary>
public static class FeedUrl
{
    /// <summary>
    /// The address without what may be a secret: feeds that need a login carry it as user info
    /// (<c>https://reader:hunter2@…</c>) or a query token (<c>?apikey=…</c>), and logs travel further than settings.
    /// A local file shows as its file name: the server's folders are nobody's business.
    /// </summary>
    public static string Redact(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return $"{uri.Scheme}://{uri.Host}{port}{uri.AbsolutePath}{(uri.Query.Length > 1 ? "?…" : string.Empty)}";
        }

        if (uri is { IsFile: true } || !location.Contains("://", StringComparison.Ordinal))
        {
            return "local file " + Path.GetFileName(uri is { IsFile: true } ? uri.LocalPath : location);
        }

        // Another scheme (refused elsewhere): its text may still hold credentials.
        return uri is null ? "(not a URL)" : uri.Scheme + "://" + uri.Host + "/…";
    }
}
