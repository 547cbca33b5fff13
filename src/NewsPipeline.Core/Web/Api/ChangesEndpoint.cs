using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Storage.Tables;

using NewsPipeline.Core.Web.Api.Formats;

namespace NewsPipeline.Core.Web.Api;

/// <summary>A page of the change feed: articles in the order they were first indexed, and where to go on from.</summary>
/// <param name="Cursor">Pass it back as <c>?cursor=</c> to get what was indexed after this page (null: nothing yet).</param>
public sealed record ChangesPage(IReadOnlyList<ItemResource> Items, string? Cursor, string? Next);

/// <summary>
/// <c>GET /api/changes?cursor=…&amp;limit=…</c>: every article once, in the order it was first indexed — not by its
/// published date, so an article that arrives late with an old date (a new feed's back catalogue, a feed that was
/// failing, a parse retried after an outage, an import) is still seen by a client that polls from where it stopped.
/// The newest <see cref="ApiOptions.ChangesSettleSeconds"/> are held back, so that an indexing that took its place a
/// moment earlier is never overtaken by the cursor.
/// </summary>
public sealed partial class ChangesEndpoint(ApiCors cors, ArticleIndexStore index, IOptions<ApiOptions> options, PublicLinks links, TimeProvider clock)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const string Version = "c1";

    /// <summary>The query parameters <c>GET /api/changes</c> understands.</summary>
    public static readonly string[] Parameters = ["cursor", "limit"];

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (cors.Handle(context) || await ApiMethods.RefuseUnlessReadAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var query = context.Request.Query;
        if (QueryParameters.Unknown(query, Parameters, "/api/changes") is { } unknown)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid query parameter", unknown.Detail, unknown.Parameter).ConfigureAwait(false);
            return;
        }

        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid query parameter",
                $"limit must be a whole number from 1 to {MaxLimit}.", "limit").ConfigureAwait(false);
            return;
        }

        string? after = null;
        if (query["cursor"].ToString() is { Length: > 0 } cursorText && (after = Decode(cursorText)) is null)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid query parameter",
                "cursor is not one this API gave out: pass the cursor of the last page as it came, or none to start from the beginning.", "cursor").ConfigureAwait(false);
            return;
        }

        var horizon = clock.GetUtcNow() - TimeSpan.FromSeconds(options.Value.ChangesSettleSeconds);
        var rows = await index.ChangesAsync(after, horizon, limit, context.RequestAborted).ConfigureAwait(false);
        var cursor = rows.Count > 0 ? Encode(rows[^1].Position.RowKey) : after is null ? null : Encode(after);
        var next = cursor is null ? null : links.For(context.Request, QueryString.Create(new Dictionary<string, string?> { ["cursor"] = cursor, ["limit"] = limit.ToString(CultureInfo.InvariantCulture) }));
        var page = new ChangesPage(rows.Select(r => ItemResource.From(r.Article)).ToList(), cursor, next);

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        // A poller's next call must see what arrived since: nothing may be cached.
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, page, ApiJson.Options, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Encode(string changeKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + ":" + changeKey));

    private static string? Decode(string text)
    {
        if (text.Length > 200)
        {
            return null;
        }

        try
        {
            var decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(text));
            // The shape alone lets through ticks no date has (9999999999999999999, 3155378976000000000): the index judges its keys.
            return Shape().Match(decoded) is { Success: true } match && ArticleIndexStore.IsChangeKey(match.Groups["key"].Value) ? match.Groups["key"].Value : null;
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^c1:(?<key>\d{19}-[0-9a-f]{40})$")]
    private static partial Regex Shape();
}
