namespace NewsPipeline.Core.Reading.Stories;

/// <summary>
/// How many articles of a day had each term: a count-min sketch (two rows of counters, a term counted in one counter
/// of each, its count read as the smaller), so that a day's document frequencies fit in one table row of 16 KiB
/// whatever the vocabulary. Collisions only ever overcount, so a rare term can look commoner, never the reverse.
/// </summary>
public sealed class FrequencySketch
{
    public const int Width = 16384;

    private const int Depth = 2;

    private readonly ushort[] counters;

    public FrequencySketch() => counters = new ushort[Width * Depth];

    private FrequencySketch(ushort[] counters) => this.counters = counters;

    /// <summary>Articles counted.</summary>
    public int Documents { get; private set; }

    public void Add(IEnumerable<ulong> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        foreach (var term in terms)
        {
            for (var row = 0; row < Depth; row++)
            {
                ref var counter = ref counters[Index(term, row)];
                if (counter < ushort.MaxValue)
                {
                    counter++;
                }
            }
        }

        Documents++;
    }

    public int Count(ulong term)
    {
        var count = int.MaxValue;
        for (var row = 0; row < Depth; row++)
        {
            count = Math.Min(count, counters[Index(term, row)]);
        }

        return count;
    }

    /// <summary>Adds another day's counts (the window is the sum of its days).</summary>
    public void Include(FrequencySketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < counters.Length; i++)
        {
            counters[i] = (ushort)Math.Min(ushort.MaxValue, counters[i] + other.counters[i]);
        }

        Documents += other.Documents;
    }

    /// <summary>
    /// The inverse document frequency of a term: high for a term few articles of the window have (a name, a number),
    /// low for what every report on the topic shares. Smoothed so an empty window weighs every term alike.
    /// </summary>
    public float InverseFrequency(ulong term) => (float)Math.Log(1 + ((Documents + 1.0) / (Count(term) + 1.0)));

    public byte[] ToBytes()
    {
        var bytes = new byte[4 + (counters.Length * 2)];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), Documents);
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(counters.AsSpan()).CopyTo(bytes.AsSpan(4));
        return bytes;
    }

    public static FrequencySketch FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 4 + (Width * Depth * 2))
        {
            return new FrequencySketch();
        }

        var counters = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(bytes[4..]).ToArray();
        return new FrequencySketch(counters) { Documents = BitConverter.ToInt32(bytes[..4]) };
    }

    // Two independent counters per term from the two halves of its 64-bit hash.
    private static int Index(ulong term, int row) => (row * Width) + (int)((row == 0 ? term : term >> 32) % Width);
}
