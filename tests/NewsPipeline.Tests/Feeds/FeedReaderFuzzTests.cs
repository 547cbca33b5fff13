using System.Text;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Tests.Infrastructure;

using NewsPipeline.Core.Reading;

namespace NewsPipeline.Tests.Feeds;

/// <summary>
/// Mutated corpus feeds (truncated, bytes flipped, lines shuffled, garbage spliced in, deeply nested): the reader
/// returns a feed or throws <see cref="FeedFormatException"/> with a reason — nothing else escapes.
/// </summary>
public sealed class FeedReaderFuzzTests
{
    private const int Mutations = 12_000;

    [Fact]
    public void Mutated_feeds_are_read_or_refused_with_a_FeedFormatException_and_nothing_else()
    {
        var seeds = Directory.GetFiles(RepositoryPaths.Fixture("feeds", "corpus"))
            .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes).ToList();
        var random = new Random(20261126);
        var feedUri = new Uri("https://fuzz.example/feed");
        int read = 0, refused = 0;

        for (var i = 0; i < Mutations; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Count)], random);
            try
            {
                var feed = FeedReader.Read(input, feedUri);
                // What reads must also become documents without error.
                FeedItemDocuments.From(new FeedSource("fuzz", feedUri.AbsoluteUri), feed, feedUri, DateTimeOffset.UnixEpoch);
                read++;
            }
            catch (FeedFormatException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                refused++;
            }
        }

        Assert.Equal(Mutations, read + refused);
        // Both outcomes must occur, or the mutations are not exercising the reader.
        Assert.InRange(read, Mutations / 100, Mutations);
        Assert.InRange(refused, Mutations / 100, Mutations);
    }

    [Fact]
    public void A_deeply_nested_document_is_refused_or_read_without_overflowing_the_stack()
    {
        var xml = new StringBuilder("<rss version=\"2.0\"><channel><title>Deep</title><item><title>x</title><description>");
        xml.Insert(xml.Length, string.Concat(Enumerable.Repeat("<div>", 200_000)));
        xml.Append(string.Concat(Enumerable.Repeat("</div>", 200_000))).Append("</description></item></channel></rss>");

        var outcome = Record.Exception(() => FeedReader.Read(Encoding.UTF8.GetBytes(xml.ToString()), null));

        Assert.True(outcome is null or FeedFormatException, outcome?.ToString());
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        var steps = random.Next(1, 4);
        for (var s = 0; s < steps && bytes.Count > 0; s++)
        {
            switch (random.Next(6))
            {
                case 0: // truncate
                    var keep = random.Next(bytes.Count);
                    bytes.RemoveRange(keep, bytes.Count - keep);
                    break;
                case 1: // flip bytes
                    for (var k = 0; k < 1 + random.Next(8) && bytes.Count > 0; k++)
                    {
                        bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    }

                    break;
                case 2: // shuffle lines
                    var lines = Encoding.UTF8.GetString(bytes.ToArray()).Split('\n');
                    random.Shuffle(lines);
                    bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines)).ToList();
                    break;
                case 3: // splice random bytes
                    var garbage = new byte[random.Next(1, 64)];
                    random.NextBytes(garbage);
                    bytes.InsertRange(random.Next(bytes.Count), garbage);
                    break;
                case 4: // splice markup that feeds get wrong
                    string[] traps = ["&nbsp;", "&bogus;", "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "&a;", "<item>", "</item>", "\uFEFF", "<?xml version=\"1.0\"?>", "{\"version\":"];
                    bytes.InsertRange(random.Next(bytes.Count), Encoding.UTF8.GetBytes(traps[random.Next(traps.Length)]));
                    break;
                default: // duplicate a slice
                    var start = random.Next(bytes.Count);
                    var length = Math.Min(bytes.Count - start, random.Next(1, 200));
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(start, length));
                    break;
            }
        }

        return bytes.ToArray();
    }
}
