namespace NewsPipeline.Core.Model.Readers;

/// <summary>What a stream id names.</summary>
public enum StreamKind
{
    /// <summary><c>user/-/state/com.google/reading-list</c>: every subscribed feed.</summary>
    ReadingList,

    /// <summary><c>user/-/state/com.google/read</c>.</summary>
    Read,

    /// <summary><c>user/-/state/com.google/starred</c>.</summary>
    Starred,

    /// <summary><c>user/-/state/com.google/kept-unread</c> and other states apps send that carry no state here.</summary>
    OtherState,

    /// <summary><c>user/-/label/{name}</c>: the feeds filed under a label.</summary>
    Label,

    /// <summary><c>feed/{name}</c>: one subscribed feed.</summary>
    Feed,
}

/// <summary>
/// A Google Reader stream id, as apps spell it: <c>user/-/…</c> or <c>user/{user id}/…</c> for states and labels,
/// <c>feed/{name}</c> for a feed (a subscription's id here is its registry name), <c>feed/{url}</c> when subscribing.
/// </summary>
public sealed record StreamId(StreamKind Kind, string Value)
{
    public const string ReadingListId = "user/-/state/com.google/reading-list";
    public const string ReadId = "user/-/state/com.google/read";
    public const string StarredId = "user/-/state/com.google/starred";
    public const string KeptUnreadId = "user/-/state/com.google/kept-unread";
    public const string LabelPrefix = "user/-/label/";
    public const string FeedPrefix = "feed/";

    public static readonly StreamId ReadingList = new(StreamKind.ReadingList, ReadingListId);
    public static readonly StreamId ReadState = new(StreamKind.Read, ReadId);
    public static readonly StreamId Starred = new(StreamKind.Starred, StarredId);

    /// <summary>The id as this server writes it (the user part as <c>-</c>).</summary>
    public string Text => Kind switch
    {
        StreamKind.Label => LabelPrefix + Value,
        StreamKind.Feed => FeedPrefix + Value,
        _ => Value,
    };

    public static string FeedId(string feedName) => FeedPrefix + feedName;

    public static string LabelId(string label) => LabelPrefix + label;

    /// <summary>Reads a stream id; null for what is none (an empty value, an unknown shape).</summary>
    public static StreamId? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        if (value.StartsWith(FeedPrefix, StringComparison.Ordinal))
        {
            var feed = value[FeedPrefix.Length..];
            return feed.Length == 0 ? null : new StreamId(StreamKind.Feed, feed);
        }

        // user/-/… or user/{digits}/…: the user part is this account either way.
        if (!value.StartsWith("user/", StringComparison.Ordinal))
        {
            return null;
        }

        var slash = value.IndexOf('/', 5);
        if (slash < 0)
        {
            return null;
        }

        var rest = value[(slash + 1)..];
        if (rest.StartsWith("label/", StringComparison.Ordinal))
        {
            var label = rest["label/".Length..];
            return label.Length == 0 ? null : new StreamId(StreamKind.Label, label);
        }

        return rest switch
        {
            "state/com.google/reading-list" => ReadingList,
            "state/com.google/read" => ReadState,
            "state/com.google/starred" => Starred,
            _ when rest.StartsWith("state/", StringComparison.Ordinal) => new StreamId(StreamKind.OtherState, "user/-/" + rest),
            _ => null,
        };
    }
}
