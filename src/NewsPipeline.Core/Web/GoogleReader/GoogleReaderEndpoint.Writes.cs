using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Services.Readers;

namespace NewsPipeline.Core.Web.GoogleReader;

/// <summary>The calls that change state: each needs the write token <c>T</c> and answers exactly <c>OK</c>.</summary>
public sealed partial class GoogleReaderEndpoint
{
    private async Task WriteAsync(ReaderCall call, string name)
    {
        var context = call.Context;
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await PlainAsync(context, StatusCodes.Status405MethodNotAllowed, $"{name} changes state: POST it, with the write token T.").ConfigureAwait(false);
            return;
        }

        if (!ReaderLogins.IsWriteToken(call.Token, call.Parameters["T"]))
        {
            // Google Reader's way to say "fetch a new token and try again"; nothing was changed.
            context.Response.Headers["X-Reader-Google-Bad-Token"] = "true";
            await PlainAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized: the write token T is missing or wrong; GET reader/api/0/token for one.").ConfigureAwait(false);
            return;
        }

        var cancellationToken = context.RequestAborted;
        switch (name)
        {
            case "edit-tag":
                await EditTagAsync(call).ConfigureAwait(false);
                break;
            case "mark-all-as-read":
                var stream = StreamId.Parse(call.Parameters["s"]) ?? throw new ReaderRequestException("mark-all-as-read needs the stream (s) to mark.", "s");
                var marked = await state.MarkAllReadAsync(call.Account, stream, Timestamp(call.Parameters["ts"]), cancellationToken).ConfigureAwait(false);
                LogMarkedAll(call.Account, stream.Text, marked);
                break;
            case "subscription/quickadd":
                var url = call.Parameters["quickadd"] ?? throw new ReaderRequestException("quickadd needs the feed's URL (quickadd).", "quickadd");
                var added = await subscriptions.SubscribeAsync(call.Account, url.StartsWith(StreamId.FeedPrefix, StringComparison.Ordinal) ? url[StreamId.FeedPrefix.Length..] : url,
                    null, null, cancellationToken).ConfigureAwait(false);
                await JsonAsync(context, ReaderJson.QuickAdd(url, added)).ConfigureAwait(false);
                return;
            case "subscription/edit":
                await EditSubscriptionsAsync(call).ConfigureAwait(false);
                break;
            case "rename-tag":
                var from = LabelOf(call.Parameters["s"], call.Parameters["t"]) ?? throw new ReaderRequestException("rename-tag needs the label (s=user/-/label/…) to rename.", "s");
                var to = LabelOf(call.Parameters["dest"], null) ?? throw new ReaderRequestException("rename-tag needs the new label (dest=user/-/label/…).", "dest");
                await subscriptions.RenameLabelAsync(call.Account, from, to, cancellationToken).ConfigureAwait(false);
                break;
            case "disable-tag":
                var label = LabelOf(call.Parameters["s"], call.Parameters["t"]) ?? throw new ReaderRequestException("disable-tag needs the label (s=user/-/label/…) to delete.", "s");
                await subscriptions.RenameLabelAsync(call.Account, label, null, cancellationToken).ConfigureAwait(false);
                break;
        }

        // Exactly "OK": newsboat and others compare the body with it.
        await PlainAsync(context, StatusCodes.Status200OK, "OK").ConfigureAwait(false);
    }

    private async Task EditTagAsync(ReaderCall call)
    {
        var ids = call.Parameters.All("i").Select(v => ReaderItemId.TryParse(v, out var id) ? id : -1).Where(id => id >= 0).Distinct().ToList();
        if (ids.Count > MaxIds)
        {
            throw new ReaderRequestException($"At most {MaxIds} ids (i) a call; this one has {ids.Count}.", "i");
        }

        var add = call.Parameters.All("a").Select(StreamId.Parse).OfType<StreamId>().ToList();
        var remove = call.Parameters.All("r").Select(StreamId.Parse).OfType<StreamId>().ToList();
        var cancellationToken = call.Context.RequestAborted;
        if (ids.Count == 0)
        {
            return;
        }

        var keptUnread = add.Any(t => t.Kind == StreamKind.OtherState && t.Value.EndsWith("/kept-unread", StringComparison.Ordinal));
        if (add.Any(t => t.Kind == StreamKind.Read))
        {
            await state.MarkReadAsync(call.Account, ids, cancellationToken).ConfigureAwait(false);
        }
        else if (remove.Any(t => t.Kind == StreamKind.Read) || keptUnread)
        {
            await state.MarkUnreadAsync(call.Account, ids, cancellationToken).ConfigureAwait(false);
        }

        if (add.Any(t => t.Kind == StreamKind.Starred) || remove.Any(t => t.Kind == StreamKind.Starred))
        {
            await state.SetMarksAsync(call.Account, ids, add.Any(t => t.Kind == StreamKind.Starred), null, false, cancellationToken).ConfigureAwait(false);
        }

        foreach (var label in add.Where(t => t.Kind == StreamKind.Label))
        {
            await state.SetMarksAsync(call.Account, ids, null, label.Value, true, cancellationToken).ConfigureAwait(false);
        }

        foreach (var label in remove.Where(t => t.Kind == StreamKind.Label))
        {
            await state.SetMarksAsync(call.Account, ids, null, label.Value, false, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EditSubscriptionsAsync(ReaderCall call)
    {
        var p = call.Parameters;
        var action = p["ac"] ?? "edit";
        var streams = p.All("s");
        if (streams.Count == 0)
        {
            throw new ReaderRequestException("subscription/edit needs the feed (s=feed/…).", "s");
        }

        var addLabel = LabelOf(p["a"], null);
        var removeLabel = LabelOf(p["r"], null);
        var cancellationToken = call.Context.RequestAborted;
        foreach (var text in streams)
        {
            var feed = text.StartsWith(StreamId.FeedPrefix, StringComparison.Ordinal) ? text[StreamId.FeedPrefix.Length..] : text;
            switch (action)
            {
                case "subscribe":
                    await subscriptions.SubscribeAsync(call.Account, feed, p["t"], addLabel, cancellationToken).ConfigureAwait(false);
                    break;
                case "unsubscribe":
                    await subscriptions.UnsubscribeAsync(call.Account, feed, cancellationToken).ConfigureAwait(false);
                    break;
                case "edit":
                    if (!await subscriptions.EditAsync(call.Account, feed, p["t"], addLabel, removeLabel, cancellationToken).ConfigureAwait(false))
                    {
                        throw new ReaderRequestException($"This account has no subscription '{Shorten(text)}'.", "s");
                    }

                    break;
                default:
                    throw new ReaderRequestException($"ac must be subscribe, unsubscribe or edit, not '{Shorten(action)}'.", "ac");
            }
        }
    }

    private static string? LabelOf(string? stream, string? plain) =>
        StreamId.Parse(stream) is { Kind: StreamKind.Label } label ? label.Value
        : !string.IsNullOrWhiteSpace(plain) ? plain.Trim()
        : null;

    /// <summary><c>ts=</c> as apps send it: microseconds (Google Reader), or milliseconds or seconds, told apart by size.</summary>
    private static DateTimeOffset? Timestamp(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new ReaderRequestException("ts must be a time in Unix microseconds.", "ts");
        }

        var milliseconds = number > 100_000_000_000_000 ? number / 1000 : number > 100_000_000_000 ? number : number * 1000;
        return milliseconds > 253402300799999 ? throw new ReaderRequestException("ts is past the year 9999.", "ts") : DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reader account {Account} marked {Stream} read: {Count} items")]
    private partial void LogMarkedAll(string account, string stream, int count);
}
