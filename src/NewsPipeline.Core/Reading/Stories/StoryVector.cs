namespace NewsPipeline.Core.Reading.Stories;

/// <summary>
/// An article's strongest terms (by TF-IDF: term weight in the article × rarity in the window when it was indexed),
/// each with its weight in the whole article and in the title alone. Two articles are compared under the same,
/// current frequencies, so an earlier article is not judged by the rarer words of an emptier window. Kept to
/// <see cref="StorySettings.VectorTerms"/> terms plus the title's: small enough to store with each candidate row, so
/// verifying a candidate costs no further request.
/// </summary>
public sealed class StoryVector
{
    private readonly Dictionary<ulong, (float Text, float Title)> weights;

    private StoryVector(Dictionary<ulong, (float Text, float Title)> weights) => this.weights = weights;

    public int Count => weights.Count;

    public IEnumerable<ulong> Terms => weights.Keys;

    public bool Contains(ulong term) => weights.ContainsKey(term);

    /// <summary>Builds the vector from an article's terms (title and lead) and its title's, under the window's document frequencies.</summary>
    public static StoryVector From(IReadOnlyDictionary<ulong, float> terms, IReadOnlyDictionary<ulong, float> titleTerms, FrequencySketch frequencies, int maxTerms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(titleTerms);
        ArgumentNullException.ThrowIfNull(frequencies);
        var kept = terms
            .Select(t => (t.Key, Tf: TermFrequency(t.Value)))
            .Where(t => t.Tf > 0)
            .OrderByDescending(t => t.Tf * frequencies.InverseFrequency(t.Key)).ThenBy(t => t.Key)
            .Take(maxTerms)
            .Select(t => t.Key)
            .Concat(titleTerms.Keys)
            .Distinct();
        return new StoryVector(kept.ToDictionary(t => t, t => (TermFrequency(terms.GetValueOrDefault(t)), TermFrequency(titleTerms.GetValueOrDefault(t)))));
    }

    // Sublinear: a term said five times is not five times the evidence.
    private static float TermFrequency(float weight) => weight <= 0 ? 0 : Math.Max(0, (float)(1 + Math.Log(weight)));

    /// <summary>
    /// The terms an article is filed under and looks its candidates up by: its <paramref name="count"/> heaviest by
    /// TF-IDF among the terms an earlier article of the window already had, except one, its heaviest term of all.
    /// The heaviest terms overall are mostly the article's own wording, which no earlier report has, so looking up by
    /// them finds nothing; a term already seen is one another report shares. But the first report of an event brings
    /// the event's terms into the window: filed under seen terms only, it would be missed by the next report, which
    /// looks up by exactly those. The one term of its own is where later reports find it.
    /// </summary>
    public IReadOnlyList<ulong> Keys(int count, FrequencySketch frequencies)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        var heaviestFirst = weights.OrderByDescending(w => w.Value.Text * frequencies.InverseFrequency(w.Key)).ThenBy(w => w.Key).Select(w => w.Key).ToList();
        var seen = heaviestFirst.Where(t => frequencies.Count(t) > 0).Take(Math.Max(0, count - 1)).ToList();
        return seen.Concat(heaviestFirst.Where(t => !seen.Contains(t))).Take(count).ToList();
    }

    /// <summary>
    /// The cosine of the two TF-IDF vectors under <paramref name="frequencies"/> (0, nothing shared, to 1), of the
    /// whole text and of the titles, weighted by <paramref name="titleShare"/>: the title states the event, the lead
    /// gives the names and numbers that tell it from the day's other events on the same topic.
    /// </summary>
    public float Similarity(StoryVector other, FrequencySketch frequencies, double titleShare)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(frequencies);
        var text = Cosine(other, frequencies, w => w.Text);
        var title = Cosine(other, frequencies, w => w.Title);
        return (float)(((1 - titleShare) * text) + (titleShare * title));
    }

    private double Cosine(StoryVector other, FrequencySketch frequencies, Func<(float Text, float Title), float> part)
    {
        double dot = 0, a = 0, b = 0;
        foreach (var (term, weight) in weights)
        {
            var idf = frequencies.InverseFrequency(term);
            var x = part(weight) * idf;
            a += x * x;
            if (x > 0 && other.weights.TryGetValue(term, out var w))
            {
                dot += x * part(w) * idf;
            }
        }

        foreach (var (term, weight) in other.weights)
        {
            var y = part(weight) * frequencies.InverseFrequency(term);
            b += y * y;
        }

        return a == 0 || b == 0 ? 0 : dot / Math.Sqrt(a * b);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[weights.Count * EntryBytes];
        var i = 0;
        foreach (var (term, (text, title)) in weights)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i, 8), term);
            BitConverter.TryWriteBytes(bytes.AsSpan(i + 8, 4), text);
            BitConverter.TryWriteBytes(bytes.AsSpan(i + 12, 4), title);
            i += EntryBytes;
        }

        return bytes;
    }

    private const int EntryBytes = 16;

    public static StoryVector FromBytes(ReadOnlySpan<byte> bytes)
    {
        var weights = new Dictionary<ulong, (float, float)>(bytes.Length / EntryBytes);
        for (var i = 0; i + EntryBytes <= bytes.Length; i += EntryBytes)
        {
            weights[BitConverter.ToUInt64(bytes.Slice(i, 8))] = (BitConverter.ToSingle(bytes.Slice(i + 8, 4)), BitConverter.ToSingle(bytes.Slice(i + 12, 4)));
        }

        return new StoryVector(weights);
    }
}
