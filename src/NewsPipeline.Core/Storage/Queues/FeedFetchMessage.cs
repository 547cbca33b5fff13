using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsPipeline.Core.Storage.Queues;

/// <summary>One claimed feed in a fetch message: the worker fetches it only while the registry row still holds this claim.</summary>
public sealed record ClaimedFeed(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("claim")] string ClaimId);

/// <summary>
/// A <c>feed-fetch</c> queue message: one host's due feeds, fetched one after another by the one worker that takes it,
/// so that a host is never asked twice at once however many instances run.
/// </summary>
public sealed record FeedFetchMessage(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("feeds")] IReadOnlyList<ClaimedFeed> Feeds)
{
    public string ToJson() => JsonSerializer.Serialize(this, MessageJson.Default.FeedFetchMessage);

    /// <summary>Reads a message; a message that is not one (hand-written, truncated) is refused with why, never half-read.</summary>
    public static FeedFetchMessage Parse(string json)
    {
        FeedFetchMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(json, MessageJson.Default.FeedFetchMessage);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The fetch message is not JSON of the form {{\"host\":…,\"feeds\":[{{\"name\":…,\"claim\":…}}]}}: {e.Message}", e);
        }

        if (message?.Host is null || message.Feeds is null || message.Feeds.Any(f => f?.Name is null || f.ClaimId is null))
        {
            throw new FormatException("The fetch message lacks its host, its feeds, or a feed's name or claim.");
        }

        return message;
    }
}

[JsonSerializable(typeof(FeedFetchMessage))]
internal sealed partial class MessageJson : JsonSerializerContext;
