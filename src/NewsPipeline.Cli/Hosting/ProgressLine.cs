using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Cli.Hosting;

/// <summary>A progress bar on one line of stderr, redrawn in place on a terminal and printed every 10% when redirected (CI logs).</summary>
internal sealed class ProgressLine(string verb) : IProgress<BatchProgress>
{
    private const int Width = 30;
    private readonly Lock gate = new();
    private int lastDecile = -1;
    private bool drawn;

    public void Report(BatchProgress value)
    {
        lock (gate)
        {
            var fraction = value.Total == 0 ? 1 : (double)value.Done / value.Total;
            var filled = (int)(fraction * Width);
            var line = $"{verb} [{new string('#', filled)}{new string('.', Width - filled)}] {value.Done}/{value.Total}" +
                (value.Failed > 0 ? $" ({value.Failed} failed)" : string.Empty);
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

    /// <summary>Ends the line so that what follows starts on its own.</summary>
    public void Finish()
    {
        if (drawn)
        {
            Console.Error.WriteLine();
        }
    }
}
