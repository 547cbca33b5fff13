using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Stories;

namespace NewsPipeline.Cli.Commands;

internal static class ClusterCommand
{
    public static Command Create(Option<FileInfo?> settings)
    {
        var paths = new Argument<string[]>("paths") { Description = "Folders (searched recursively for .md, .html and .htm documents) or files.", Arity = ArgumentArity.OneOrMore };
        var explain = new Option<string?>("--explain") { Description = "Also print, for this file, the earlier reports it was compared with: their scores, stories and shared terms." };
        var labels = new Option<FileInfo?>("--labels") { Description = "A TSV of file<TAB>story labels ('-' = no other report of its event); prints pairwise and B-cubed scores against it." };
        var command = new Command("cluster", """
            Find the stories in a folder of article documents, in memory, with the pipeline's own clustering code and
            settings (Stories__*), and print one line per file: file<TAB>story. A story's id is the id of its first
            report; files that are not articles print the reason instead of a story. Storage is not touched.

            Documents are taken in order of publication. Each is compared with the earlier reports within
            Stories__WindowHours that share one of its Stories__Keys rarest terms (character pairs of Chinese text,
            words and numbers otherwise; Traditional script folded to Simplified) and joins the story of the best
            match over Stories__JoinThreshold. Use --explain to see why a file landed where it did, and --labels
            to measure a change of settings before giving it to the pipeline.

            Examples:
              newsfeed cluster ../shared/fixtures/stories-dev/articles
              newsfeed cluster archive --explain archive/voa-biden-putin-call.md
              Stories__JoinThreshold=0.4 newsfeed cluster archive --labels stories.tsv
            """)
        {
            paths,
            explain,
            labels,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(settings), result.GetValue(paths) ?? [], result.GetValue(explain),
            result.GetValue(labels), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(FileInfo? settingsFile, IReadOnlyList<string> paths, string? explain, FileInfo? labels,
        TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var storySettings = new StorySettings();
        LocalConfiguration.Build(settingsFile?.FullName).GetSection("Stories").Bind(storySettings);
        IReadOnlyList<ClusteredFile> files;
        try
        {
            files = await FolderClustering.ClusterAsync(paths, storySettings, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            await errors.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        foreach (var file in files)
        {
            await output.WriteLineAsync(file.Story is { } story ? $"{file.File}\t{story}" : $"{file.File}\tnot an article: {file.Error}").ConfigureAwait(false);
        }

        if (explain is not null)
        {
            var target = files.FirstOrDefault(f => Path.GetFullPath(f.File) == Path.GetFullPath(explain));
            if (target?.Decision is not { } decision)
            {
                await errors.WriteLineAsync($"--explain {explain}: not among the articles clustered (give a file inside the folder).").ConfigureAwait(false);
                return 2;
            }

            await WriteExplanationAsync(output, target, decision, files, storySettings).ConfigureAwait(false);
        }

        if (labels is not null)
        {
            await WriteScoresAsync(errors, files, labels, storySettings).ConfigureAwait(false);
        }

        return files.Any(f => f.Story is null) ? 1 : 0;
    }

    private static async Task WriteExplanationAsync(TextWriter output, ClusteredFile target, StoryDecision decision, IReadOnlyList<ClusteredFile> files, StorySettings settings)
    {
        var byId = files.Where(f => f.ArticleId is not null).GroupBy(f => f.ArticleId!).ToDictionary(g => g.Key, g => g.First().File);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"{target.File}: story {target.Story} (joins over {settings.JoinThreshold.ToString(CultureInfo.InvariantCulture)}, merges over {settings.MergeThreshold.ToString(CultureInfo.InvariantCulture)}); {decision.Candidates.Count} candidates verified:").ConfigureAwait(false);
        foreach (var c in decision.Candidates)
        {
            var name = byId.GetValueOrDefault(c.Candidate.ArticleId, c.Candidate.ArticleId);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {c.Score:0.000}\t{c.Story}\t{Path.GetFileName(name)}\tshared: {string.Join(' ', c.SharedTerms)}")).ConfigureAwait(false);
        }

        if (decision.MergedStories.Count > 0)
        {
            await output.WriteLineAsync($"  merged: {string.Join(", ", decision.MergedStories)}").ConfigureAwait(false);
        }
    }

    private static async Task WriteScoresAsync(TextWriter output, IReadOnlyList<ClusteredFile> files, FileInfo labels, StorySettings settings)
    {
        var byName = File.ReadLines(labels.FullName).Skip(1).Select(l => l.Split('\t')).Where(f => f.Length >= 2)
            .ToDictionary(f => f[0], f => f[1] == "-" ? null : f[1], StringComparer.Ordinal);
        var items = files.Where(f => f.Decision is not null && byName.ContainsKey(Path.GetFileName(f.File)))
            .Select(f => new ClusteringScores.Item(Path.GetFileName(f.File), byName[Path.GetFileName(f.File)], f.Story!,
                f.Published))
            .ToList();
        var s = ClusteringScores.Score(items, settings.Window);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{items.Count} labelled files: pairs P {s.PairPrecision:0.000} R {s.PairRecall:0.000} F1 {s.PairF1:0.000} ({s.CorrectPairs}/{s.PredictedPairs} predicted, {s.TruePairs} labelled); B-cubed P {s.BCubedPrecision:0.000} R {s.BCubedRecall:0.000} F1 {s.BCubedF1:0.000}")).ConfigureAwait(false);
    }
}
