using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Core.Web.Api;

/// <summary>
/// The opaque <c>cursor</c>: base64url of the month bucket and RowKey (inverted ticks + id) of the last item served.
/// The next page starts strictly after that RowKey, and articles that arrive later have newer dates, so they sort
/// before it: paging never repeats or skips an item while new ones land.
/// </summary>
internal static partial class ItemsCursor
{
    private const string Version = "v1";

    public static string Encode(TimelinePosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Version}:{position.Bucket}:{position.RowKey}"));

    /// <summary>Reads a cursor this API wrote; anything else (edited, truncated, from another API) is null.</summary>
    public static TimelinePosition? TryDecode(string text)
    {
        if (text.Length is 0 or > 256)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var match = Shape().Match(decoded);
        if (!match.Success)
        {
            return null;
        }

        var bucket = match.Groups["bucket"].Value;
        var rowKey = match.Groups["rowKey"].Value;
        if (!long.TryParse(match.Groups["ticks"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var inverted))
        {
            return null;
        }

        var ticks = DateTime.MaxValue.Ticks - inverted;
        // The bucket must be the month of the RowKey's instant: a hand-made mix would skip whole months.
        if (ticks < 0 || ArticleIndexStore.BucketOf(new DateTimeOffset(ticks, TimeSpan.Zero)) != bucket)
        {
            return null;
        }

        return new TimelinePosition(bucket, rowKey);
    }

    [GeneratedRegex(@"^v1:(?<bucket>\d{6}):(?<rowKey>(?<ticks>\d{19})-[0-9A-Za-z_-]{1,128})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
