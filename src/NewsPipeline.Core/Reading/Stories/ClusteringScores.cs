namespace NewsPipeline.Core.Reading.Stories;

/// <summary>A clustering compared with labels: pairwise precision, recall and F1, and B-cubed over items.</summary>
public sealed record ClusteringScores(
    double PairPrecision, double PairRecall, double PairF1, int TruePairs, int PredictedPairs, int CorrectPairs,
    double BCubedPrecision, double BCubedRecall, double BCubedF1)
{
    /// <summary>An item: its label (null = the only one of its event), its predicted cluster, and its time.</summary>
    public sealed record Item(string Name, string? Label, string Predicted, DateTimeOffset Published);

    /// <summary>Pairs count only within <paramref name="window"/> of each other, as clustering can only join those.</summary>
    public static ClusteringScores Score(IReadOnlyList<Item> items, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(items);
        int truePairs = 0, predicted = 0, correct = 0;
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                if ((items[i].Published - items[j].Published).Duration() > window)
                {
                    continue;
                }

                var same = items[i].Label is { } label && label == items[j].Label;
                var together = items[i].Predicted == items[j].Predicted;
                truePairs += same ? 1 : 0;
                predicted += together ? 1 : 0;
                correct += same && together ? 1 : 0;
            }
        }

        // B-cubed: for each item, the share of its predicted cluster that shares its label (precision) and the share of
        // its label's items that share its cluster (recall); an unlabelled item is its own label.
        double bp = 0, br = 0;
        foreach (var item in items)
        {
            var cluster = items.Where(o => o.Predicted == item.Predicted).ToList();
            var labelled = items.Where(o => SameLabel(o, item)).ToList();
            var both = cluster.Count(o => SameLabel(o, item));
            bp += (double)both / cluster.Count;
            br += (double)both / labelled.Count;
        }

        bp /= Math.Max(1, items.Count);
        br /= Math.Max(1, items.Count);
        var p = predicted == 0 ? 1 : (double)correct / predicted;
        var r = truePairs == 0 ? 1 : (double)correct / truePairs;
        return new ClusteringScores(p, r, F1(p, r), truePairs, predicted, correct, bp, br, F1(bp, br));
    }

    private static bool SameLabel(Item a, Item b) => a.Name == b.Name || (a.Label is { } label && label == b.Label);

    private static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}
