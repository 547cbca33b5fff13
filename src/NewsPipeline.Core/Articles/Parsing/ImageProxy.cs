namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>
/// Archivers serve images through a caching proxy (images.weserv.nl and look-alikes) so that they still load
/// when the outlet is blocked or gone; the original address is the one that identifies the image.
/// </summary>
public static class ImageProxy
{
    /// <summary>The original image URL behind a <c>?url=</c> proxy, or the URL itself when it is direct.</summary>
    public static string Unwrap(string imageUrl)
    {
        if (!Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Query))
        {
            return imageUrl;
        }

        var target = System.Web.HttpUtility.ParseQueryString(uri.Query)["url"];
        if (string.IsNullOrWhiteSpace(target))
        {
            return imageUrl;
        }

        target = target.Trim();
        if (target.StartsWith("//", StringComparison.Ordinal))
        {
            return "https:" + target;
        }

        // weserv takes "host/path" with the scheme left off ("ssl:" for https in its older form).
        if (target.StartsWith("ssl:", StringComparison.OrdinalIgnoreCase))
        {
            target = target[4..];
        }

        return target.Contains("://", StringComparison.Ordinal) ? target : "https://" + target;
    }
}
