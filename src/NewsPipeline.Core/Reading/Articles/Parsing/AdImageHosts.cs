namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// Hosts that serve ads, audience-measurement beacons and feed-statistics pixels. Feed items embed their images
/// (FeedBurner's <c>~r</c> pixel, WordPress.com stats, DoubleClick banners) beside the story's photo.
/// </summary>
internal static class AdImageHosts
{
    private static readonly string[] Hosts =
    [
        "doubleclick.net", "googlesyndication.com", "googleadservices.com", "amazon-adsystem.com", "adnxs.com",
        "scorecardresearch.com", "quantserve.com", "pixel.wp.com", "stats.wp.com", "feedburner.com", "feedblitz.com",
        "outbrain.com", "taboola.com", "moatads.com", "criteo.com", "criteo.net", "adform.net", "pubmatic.com",
        "rubiconproject.com", "openx.net", "adsrvr.org", "advertising.com", "ads.yahoo.com", "pixel.facebook.com",
    ];

    /// <summary>True when the image is served by an ad network or tracker (the host or one of its subdomains).</summary>
    public static bool IsAdImage(string imageUrl)
    {
        string host;
        if (LinkResolver.PlainHost(imageUrl) is { } plain)
        {
            host = plain;
        }
        else if (Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri))
        {
            host = uri.Host;
        }
        else
        {
            return false;
        }

        foreach (var ad in Hosts)
        {
            if (host.Equals(ad, StringComparison.OrdinalIgnoreCase)
                || (host.Length > ad.Length && host.EndsWith(ad, StringComparison.OrdinalIgnoreCase) && host[^(ad.Length + 1)] == '.'))
            {
                return true;
            }
        }

        return false;
    }
}
