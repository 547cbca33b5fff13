namespace NewsPipeline.Core.Reading.Stories;

/// <summary>
/// An article's strongest terms weighted by TF-IDF (term weight in the article × rarity in the window), unit length,
/// so that two articles compare by cosine. Kept to <see cref="StorySettings.VectorTerms"/> terms: small enough to
/// store with each candidate row, so verifying a candidate costs no further request.
/// </summary>
public sealed class StoryVector
{
    private readonly Dictionary<ulong, float> weights;

    private StoryVector(Dictionary<ulong, float> weights) => this.weights = weights;

    public int Count => weights.Count;

    public IReadOnlyDictionary<ulong, float> Weights => weights;

    /// <summary>Builds the vector from an article's terms and the window's document frequencies.</summary>
    public static StoryVector From(IReadOnlyDictionary<ulong, float> terms, FrequencySketch frequencies, int maxTerms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(frequencies);
        var top = terms
            .Select(t => (t.Key, Weight: (float)(1 + Math.Log(t.Value)) * frequencies.InverseFrequency(t.Key)))
            .Where(t => t.Weight > 0)
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Key)
            .Take(maxTerms)
            .ToList();
        var norm = (float)Math.Sqrt(top.Sum(t => t.Weight * t.Weight));
        return new StoryVector(top.ToDictionary(t => t.Key, t => norm > 0 ? t.Weight / norm : 0));
    }

    /// <summary>The terms an article is filed under for finding candidates: its <paramref name="count"/> heaviest.</summary>
    public IReadOnlyList<ulong> Keys(int count) =>
        weights.OrderByDescending(w => w.Value).ThenBy(w => w.Key).Take(count).Select(w => w.Key).ToList();

    /// <summary>Cosine similarity, 0 (nothing shared) to 1.</summary>
    public float Similarity(StoryVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var (small, large) = weights.Count <= other.weights.Count ? (weights, other.weights) : (other.weights, weights);
        var sum = 0f;
        foreach (var (term, weight) in small)
        {
            if (large.TryGetValue(term, out var w))
            {
                sum += weight * w;
            }
        }

        return sum;
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[weights.Count * 12];
        var i = 0;
        foreach (var (term, weight) in weights)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i, 8), term);
            BitConverter.TryWriteBytes(bytes.AsSpan(i + 8, 4), weight);
            i += 12;
        }

        return bytes;
    }

    public static StoryVector FromBytes(ReadOnlySpan<byte> bytes)
    {
        var weights = new Dictionary<ulong, float>(bytes.Length / 12);
        for (var i = 0; i + 12 <= bytes.Length; i += 12)
        {
            weights[BitConverter.ToUInt64(bytes.Slice(i, 8))] = BitConverter.ToSingle(bytes.Slice(i + 8, 4));
        }

        return new StoryVector(weights);
    }
}
