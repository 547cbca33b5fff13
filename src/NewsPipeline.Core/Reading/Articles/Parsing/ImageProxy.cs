namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// Archivers serve images through a caching proxy (images.weserv.nl and look-alikes) so that they still load
/// when the outlet is blocked or gone; the original address is the one that identifies the image.
/// </summary>
public static class ImageProxy
{
    /// <summary>The original image URL behind a <c>?url=</c> proxy, or the URL itself when it is direct.</summary>
    public static string Unwrap(string imageUrl)
    {
        // Without a '?' there is no query to find a target in, and no need of a URI parse to know it; a plain URL's query
        // is read as written, which is what the URI would give (LinkResolverTests hold the two to the same answers).
        if (!imageUrl.Contains('?', StringComparison.Ordinal)
            || (LinkResolver.PlainQuery(imageUrl) ?? (Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) ? uri.Query : null)) is not { Length: > 0 } query)
        {
            return imageUrl;
        }

        var target = UrlParameter(query);
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

    // The "url" parameter of a query as HttpUtility.ParseQueryString reads it (names in any case, values decoded, a
    // repeated one joined by commas), without building the collection of every parameter.
    private static string? UrlParameter(string query)
    {
        string? value = null;
        var parameters = query.AsSpan(query.StartsWith('?') ? 1 : 0);
        foreach (var range in parameters.Split('&'))
        {
            var parameter = parameters[range];
            var equals = parameter.IndexOf('=');
            if (equals < 0)
            {
                continue;
            }

            var name = parameter[..equals];
            if (!name.Equals("url", StringComparison.OrdinalIgnoreCase)
                && !(name.ContainsAny('%', '+') && string.Equals(System.Web.HttpUtility.UrlDecode(name.ToString()), "url", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var decoded = System.Web.HttpUtility.UrlDecode(parameter[(equals + 1)..].ToString());
            value = value is null ? decoded : value + "," + decoded;
        }

        return value;
    }
}
