using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Services.Readers;
using NewsPipeline.Core.Storage.Readers;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Core.Web.GoogleReader;

/// <summary>
/// The Google Reader API under <c>/api/greader</c>, as reader apps call it (NetNewsWire, Reeder, Read You, FeedMe,
/// Fluent Reader, newsboat…): <c>accounts/ClientLogin</c>, then every call with <c>Authorization: GoogleLogin auth=…</c>,
/// every write with the write token <c>T</c>. The same code serves the Functions app and <c>newsfeed run</c>; docs/reader-api.md
/// lists the calls and what each costs.
/// </summary>
public sealed partial class GoogleReaderEndpoint(
    ReaderLogins logins,
    ReaderAccountStore accounts,
    ReadingState state,
    ReaderSubscriptions subscriptions,
    ArticleIndexStore index,
    ItemContent content,
    IOptions<ReaderOptions> options,
    TimeProvider clock,
    ILogger<GoogleReaderEndpoint> logger)
{
    public const int MaxIds = 10_000;
    public const int MaxItems = 1_000;
    private const string ApiPrefix = "reader/api/0/";
    private const string AtomPrefix = "reader/atom/";
    private const string PrivateCache = "private, no-cache";

    /// <param name="path">The path below <c>/api/greader/</c>.</param>
    public async Task HandleAsync(HttpContext context, string? path)
    {
        ArgumentNullException.ThrowIfNull(context);
        path = (path ?? string.Empty).Trim('/');
        var parameters = await ReaderParameters.ReadAsync(context.Request).ConfigureAwait(false);
        if (parameters is null)
        {
            await PlainAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is larger than 1 MiB.").ConfigureAwait(false);
            return;
        }

        if (path.Equals("accounts/ClientLogin", StringComparison.OrdinalIgnoreCase))
        {
            await ClientLoginAsync(context, parameters).ConfigureAwait(false);
            return;
        }

        var token = AuthToken(context.Request);
        var account = await logins.AccountOfAsync(token, context.RequestAborted).ConfigureAwait(false);
        if (account is null)
        {
            context.Response.Headers.WWWAuthenticate = "GoogleLogin realm=\"NewsPipeline\"";
            await PlainAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized: log in with accounts/ClientLogin and send Authorization: GoogleLogin auth=<Auth>.").ConfigureAwait(false);
            return;
        }

        try
        {
            var call = new ReaderCall(context, parameters, account, token!);
            if (path.StartsWith(AtomPrefix, StringComparison.Ordinal))
            {
                await StreamAsync(call, path[AtomPrefix.Length..], atom: true).ConfigureAwait(false);
            }
            else if (path.StartsWith(ApiPrefix, StringComparison.Ordinal))
            {
                await ApiAsync(call, path[ApiPrefix.Length..]).ConfigureAwait(false);
            }
            else
            {
                await PlainAsync(context, StatusCodes.Status404NotFound, $"No Google Reader call at '{Shorten(path)}'.").ConfigureAwait(false);
            }
        }
        catch (ReaderRequestException e)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid parameter", e.Message, e.Parameter).ConfigureAwait(false);
        }
        catch (ContinuationException e)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid parameter", e.Message, "c").ConfigureAwait(false);
        }
        catch (SubscriptionException e)
        {
            await ProblemResponses.WriteAsync(context, e.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest,
                "Subscription refused", e.Message).ConfigureAwait(false);
        }
    }

    private async Task ApiAsync(ReaderCall call, string name)
    {
        var context = call.Context;
        switch (name)
        {
            case "token":
                context.Response.Headers.CacheControl = "no-store";
                await PlainAsync(context, StatusCodes.Status200OK, ReaderLogins.WriteTokenFor(call.Token) + "\n").ConfigureAwait(false);
                return;
            case "user-info":
                var record = await accounts.GetAsync(call.Account, context.RequestAborted).ConfigureAwait(false);
                await JsonAsync(context, ReaderJson.UserInfo(call.Account, record?.UserId ?? 0)).ConfigureAwait(false);
                return;
            case "subscription/list":
                var list = await subscriptions.ListAsync(call.Account, context.RequestAborted).ConfigureAwait(false);
                await HttpCaching.WriteAsync(context, ReaderJson.Subscriptions(list), ReaderJson.ContentType, null, PrivateCache).ConfigureAwait(false);
                return;
            case "tag/list":
                var labels = await subscriptions.LabelsAsync(call.Account, context.RequestAborted).ConfigureAwait(false);
                await HttpCaching.WriteAsync(context, ReaderJson.Tags(labels), ReaderJson.ContentType, null, PrivateCache).ConfigureAwait(false);
                return;
            case "unread-count":
                var counts = await state.UnreadCountsAsync(call.Account, context.RequestAborted).ConfigureAwait(false);
                await JsonAsync(context, ReaderJson.UnreadCounts(counts)).ConfigureAwait(false);
                return;
            case "stream/items/ids":
                var ids = await state.ListAsync(call.Account, StreamRequestOf(call.Parameters, call.Parameters["s"], MaxIds), context.RequestAborted).ConfigureAwait(false);
                await JsonAsync(context, ReaderJson.ItemIds(ids)).ConfigureAwait(false);
                return;
            case "stream/items/contents":
                await ContentsAsync(call).ConfigureAwait(false);
                return;
            case "stream/contents":
                await StreamAsync(call, string.Empty, atom: false).ConfigureAwait(false);
                return;
            case var contents when contents.StartsWith("stream/contents/", StringComparison.Ordinal):
                await StreamAsync(call, contents["stream/contents/".Length..], atom: false).ConfigureAwait(false);
                return;
            case "edit-tag" or "mark-all-as-read" or "subscription/quickadd" or "subscription/edit" or "rename-tag" or "disable-tag":
                await WriteAsync(call, name).ConfigureAwait(false);
                return;
            default:
                await PlainAsync(context, StatusCodes.Status404NotFound, $"No Google Reader call named '{Shorten(name)}'.").ConfigureAwait(false);
                return;
        }
    }

    private async Task ContentsAsync(ReaderCall call)
    {
        var ids = new List<long>();
        foreach (var value in call.Parameters.All("i"))
        {
            // An id of another shape, or one no article has, is skipped: apps ask for what they once saw.
            if (ReaderItemId.TryParse(value, out var id))
            {
                ids.Add(id);
            }
        }

        if (ids.Count > MaxItems)
        {
            throw new ReaderRequestException($"At most {MaxItems} ids (i) a call; this one has {ids.Count}.", "i");
        }

        var subscribed = await subscriptions.ListAsync(call.Account, call.Context.RequestAborted).ConfigureAwait(false);
        var items = await ReaderItems.LoadAsync(call.Account, ids, subscribed, index, state, content, call.Context.RequestAborted).ConfigureAwait(false);
        await JsonAsync(call.Context, ReaderJson.Items(StreamId.ReadingListId, "Items", items, null, clock.GetUtcNow())).ConfigureAwait(false);
    }

    private async Task StreamAsync(ReaderCall call, string streamPath, bool atom)
    {
        var streamText = streamPath.Length > 0 ? Uri.UnescapeDataString(streamPath) : call.Parameters["s"];
        var request = StreamRequestOf(call.Parameters, streamText, MaxItems);
        var page = await state.ListAsync(call.Account, request, call.Context.RequestAborted).ConfigureAwait(false);
        var subscribed = await subscriptions.ListAsync(call.Account, call.Context.RequestAborted).ConfigureAwait(false);
        var items = await ReaderItems.LoadAsync(call.Account, page.Items.Select(i => i.ItemId).ToList(), subscribed, index, state, content,
            call.Context.RequestAborted).ConfigureAwait(false);
        var title = request.Stream.Kind switch
        {
            StreamKind.Feed => subscribed.FirstOrDefault(s => s.Feed == request.Stream.Value)?.Title ?? request.Stream.Value,
            StreamKind.Label => request.Stream.Value,
            _ => request.Stream.Text,
        };
        if (atom)
        {
            var record = await accounts.GetAsync(call.Account, call.Context.RequestAborted).ConfigureAwait(false);
            await WriteBodyAsync(call.Context, ReaderAtom.Write(request.Stream.Text, title, items, page.Continuation, record?.UserId ?? 0, clock.GetUtcNow()), ReaderAtom.ContentType)
                .ConfigureAwait(false);
        }
        else
        {
            await JsonAsync(call.Context, ReaderJson.Items(request.Stream.Text, title, items, page.Continuation, clock.GetUtcNow())).ConfigureAwait(false);
        }
    }

    private async Task ClientLoginAsync(HttpContext context, ReaderParameters parameters)
    {
        context.Response.Headers.CacheControl = "no-store";
        var address = ClientAddress.Of(context, options.Value.ClientAddressHeader);
        var result = await logins.SignInAsync(parameters["Email"], parameters["Passwd"], address, context.RequestAborted).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case LoginOutcome.SignedIn:
                // Lines end in "\n" only: NetNewsWire's parser breaks on "\r\n".
                await PlainAsync(context, StatusCodes.Status200OK, $"SID={result.Token}\nLSID={result.Token}\nAuth={result.Token}\n").ConfigureAwait(false);
                return;
            case LoginOutcome.TooManyFailures:
                var seconds = (int)Math.Ceiling(result.RetryAfter!.Value.TotalSeconds);
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await PlainAsync(context, StatusCodes.Status429TooManyRequests,
                    $"Error=TooManyFailedLogins\nToo many failed logins for this account or address: try again in {Math.Max(1, seconds / 60)} minutes.\n").ConfigureAwait(false);
                return;
            default:
                await PlainAsync(context, StatusCodes.Status401Unauthorized, "Error=BadAuthentication\n").ConfigureAwait(false);
                return;
        }
    }

    private static string? AuthToken(HttpRequest request)
    {
        const string scheme = "GoogleLogin auth=";
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    internal static StreamRequest StreamRequestOf(ReaderParameters p, string? streamText, int max)
    {
        var stream = string.IsNullOrEmpty(streamText) ? StreamId.ReadingList
            : StreamId.Parse(streamText) ?? throw new ReaderRequestException($"'{Shorten(streamText)}' is not a stream id (feed/…, user/-/label/…, user/-/state/com.google/…).", "s");
        var count = 20;
        if (p["n"] is { } n && (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
        {
            throw new ReaderRequestException($"n must be a whole number from 1 to {max}.", "n");
        }

        var excluded = p.All("xt").Select(StreamId.Parse).OfType<StreamId>().ToList();
        var included = p.All("it").Select(StreamId.Parse).OfType<StreamId>().ToList();
        return new StreamRequest(
            stream,
            Math.Min(count, max),
            OldestFirst: p["r"] == "o",
            ExcludeRead: excluded.Any(x => x.Kind == StreamKind.Read),
            ExcludeStarred: excluded.Any(x => x.Kind == StreamKind.Starred),
            OnlyStarred: included.Any(x => x.Kind == StreamKind.Starred),
            OnlyRead: included.Any(x => x.Kind == StreamKind.Read),
            NotOlderThan: Seconds(p["ot"], "ot"),
            NotNewerThan: Seconds(p["nt"], "nt"),
            Continuation: string.IsNullOrEmpty(p["c"]) ? null : p["c"]);
    }

    private static DateTimeOffset? Seconds(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            throw new ReaderRequestException($"{name} must be a time in Unix seconds.", name);
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static Task JsonAsync(HttpContext context, byte[] body)
    {
        context.Response.Headers.CacheControl = "private, no-store";
        return WriteBodyAsync(context, body, ReaderJson.ContentType);
    }

    private static async Task WriteBodyAsync(HttpContext context, byte[] body, string contentType)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    internal static Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        var body = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    internal static string Shorten(string value) => value.Length > 80 ? value[..80] + "…" : value;

    /// <summary>One authenticated call: its context, parameters, account and login token.</summary>
    internal sealed record ReaderCall(HttpContext Context, ReaderParameters Parameters, string Account, string Token);
}

/// <summary>A parameter of a Google Reader call that cannot be used, named.</summary>
public sealed class ReaderRequestException(string message, string parameter) : ArgumentException(message)
{
    public string Parameter { get; } = parameter;
}
