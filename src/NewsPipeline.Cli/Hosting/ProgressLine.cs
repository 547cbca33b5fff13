using NewsPipeline.Core.Model;

namespace NewsPipeline.Cli.Hosting;

/// <summary>A progress bar on one line of stderr, redrawn in place on a terminal and printed every 10% when redirected (CI logs).</summary>
internal sealed class ProgressLine(string verb) : IProgress<BatchProgress>
{
    private const int Width = 30;
    private readonly Lock gate = new();
    private readonly System.Diagnostics.Stopwatch elapsed = System.Diagnostics.Stopwatch.StartNew();
    private int lastDecile = -1;
    private bool drawn;

    public void Report(BatchProgress value)
    {
        lock (gate)
        {
            var fraction = value.Total == 0 ? 1 : (double)value.Done / value.Total;
            var filled = (int)(fraction * Width);
            var line = $"{verb} [{new string('#', filled)}{new string('.', Width - filled)}] {value.Done}/{value.Total}" +
                (value.Failed > 0 ? $" ({value.Failed} failed)" : string.Empty) + RateAndEta(value);
            if (!Console.IsErrorRedirected)
            {
                var name = value.Current.Length > 40 ? "…" + value.Current[^39..] : value.Current;
                // \e[K clears what a longer previous line left behind.
                Console.Error.Write($"\r{line} {name}\u001b[K");
                drawn = true;
            }
            // Reports from parallel workers can arrive a step out of order: a line is printed only for a new, higher tenth.
            else if ((int)(fraction * 10) is var decile && decile > lastDecile)
            {
                lastDecile = decile;
                Console.Error.WriteLine(line);
            }
        }
    }

    // The rate over the whole run so far: steadier than the last step's, and what an ETA needs.
    private string RateAndEta(BatchProgress value)
    {
        var seconds = elapsed.Elapsed.TotalSeconds;
        if (value.Done == 0 || seconds < 1)
        {
            return string.Empty;
        }

        var rate = value.Done / seconds;
        var left = TimeSpan.FromSeconds(Math.Max(0, value.Total - value.Done) / rate);
        return FormattableString.Invariant($" {rate:N0}/s, ETA {(int)left.TotalHours:D2}:{left.Minutes:D2}:{left.Seconds:D2}");
    }

    /// <summary>Ends the line so that what follows starts on its own.</summary>
    public void Finish()
    {
        if (drawn)
        {
            Console.Error.WriteLine();
        }
    }
}
