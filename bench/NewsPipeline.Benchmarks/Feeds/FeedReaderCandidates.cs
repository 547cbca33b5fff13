using System.ServiceModel.Syndication;
using System.Xml;
using NewsPipeline.Core.Reading.Dates;
using NewsPipeline.Core.Reading.Feeds;
using HollowReader = CodeHollow.FeedReader.FeedReader;

namespace NewsPipeline.Benchmarks.Feeds;

/// <summary>What every candidate reports for an item, for comparing them against the corpus's expected items.</summary>
public sealed record ReadItem(string Title, string? Link, DateTimeOffset? Published);

/// <summary>The three feed readers the project chose between, each reading bytes as it would in the fetcher.</summary>
public static class FeedReaderCandidates
{
    public static readonly IReadOnlyList<(string Name, Func<byte[], Uri, IReadOnlyList<ReadItem>> Read)> All =
    [
        ("NewsPipeline FeedReader", ReadWithNewsPipeline),
        ("System.ServiceModel.Syndication (lenient dates)", ReadWithSyndication),
        ("CodeHollow.FeedReader", ReadWithCodeHollow),
    ];

    public static IReadOnlyList<ReadItem> ReadWithNewsPipeline(byte[] content, Uri feedUri) =>
        FeedReader.Read(content, feedUri).Items
            .Select(i => new ReadItem(i.Title, i.Link ?? (i.EntryIdIsPermaLink ? i.EntryId : null), i.Published)).ToList();

    public static IReadOnlyList<ReadItem> ReadWithSyndication(byte[] content, Uri feedUri)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var stream = new MemoryStream(content);
        using var reader = XmlReader.Create(stream, settings);
        SyndicationFeedFormatter formatter = new Rss20FeedFormatter { DateTimeParser = Lenient };
        if (!formatter.CanRead(reader))
        {
            formatter = new Atom10FeedFormatter { DateTimeParser = Lenient };
        }

        formatter.ReadFrom(reader);
        return formatter.Feed.Items.Select(i => new ReadItem(
            i.Title?.Text ?? string.Empty,
            i.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.GetAbsoluteUri()?.AbsoluteUri ?? (i.Id is { } id && id.StartsWith("http", StringComparison.Ordinal) ? id : null),
            i.PublishDate == default ? i.LastUpdatedTime == default ? null : i.LastUpdatedTime : i.PublishDate)).ToList();
    }

    public static IReadOnlyList<ReadItem> ReadWithCodeHollow(byte[] content, Uri feedUri) =>
        HollowReader.ReadFromByteArray(content).Items
            .Select(i => new ReadItem(i.Title ?? string.Empty, i.Link, i.PublishingDate is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : null)).ToList();

    // The hook Syndication offers for dates it cannot read itself; given the project's own lenient parser.
    private static bool Lenient(XmlDateTimeData data, out DateTimeOffset value)
    {
        var parsed = LenientDateParser.ParseOrNull(data.DateTimeString);
        value = parsed ?? default;
        return parsed is not null;
    }
}
