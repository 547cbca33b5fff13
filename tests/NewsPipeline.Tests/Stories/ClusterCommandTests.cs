using NewsPipeline.Cli.Commands;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Stories;

/// <summary><c>newsfeed cluster DIR</c>: one line per file, the reasons on request, the scores against labels.</summary>
public sealed class ClusterCommandTests
{
    private static readonly string Folder = RepositoryPaths.Fixture("stories");

    [Fact]
    public async Task Prints_one_file_and_its_story_per_line()
    {
        var (code, output, _) = await RunAsync(null, null);
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split('\t')).ToList();
        Assert.Equal(Directory.GetFiles(Folder, "*.md").Length, lines.Count);
        Assert.All(lines, l => Assert.Equal(2, l.Length));
        var story = lines.ToDictionary(l => Path.GetFileName(l[0]), l => l[1]);
        Assert.Equal(story["dw-port-law.md"], story["rfi-port-law-hant.md"]);
    }

    [Fact]
    public async Task Explain_prints_the_candidates_their_scores_and_the_terms_they_share()
    {
        var (code, output, _) = await RunAsync(Path.Combine(Folder, "rfi-port-law-hant.md"), null);
        Assert.Equal(0, code);
        var explanation = output[output.IndexOf("rfi-port-law-hant.md: story", StringComparison.Ordinal)..];
        Assert.Contains("candidates verified", explanation, StringComparison.Ordinal);
        Assert.Contains("dw-port-law.md", explanation, StringComparison.Ordinal);
        // Shared terms are shown folded: the Traditional report's 議會 matched the Simplified 议会.
        Assert.Contains("议会", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Labels_score_the_result_as_pairs_and_B_cubed()
    {
        var labels = Path.Combine(Path.GetTempPath(), "stories-" + Guid.NewGuid().ToString("N")[..8] + ".tsv");
        await File.WriteAllLinesAsync(labels,
        [
            "file\tstory", "dw-port-law.md\tA", "rfi-port-law-hant.md\tA", "voa-port-law-response.md\t-", "reuters-en-quake.md\tB", "ap-en-quake.md\tB",
        ]);
        try
        {
            var (code, _, errors) = await RunAsync(null, new FileInfo(labels));
            Assert.Equal(0, code);
            Assert.Contains("5 labelled files: pairs P 1.000 R 1.000 F1 1.000", errors, StringComparison.Ordinal);
            Assert.Contains("B-cubed", errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(labels);
        }
    }

    [Fact]
    public async Task Explain_for_a_file_outside_the_folder_says_so()
    {
        var (code, _, errors) = await RunAsync("/nowhere/article.md", null);
        Assert.Equal(2, code);
        Assert.Contains("not among the articles clustered", errors, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(string? explain, FileInfo? labels)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await ClusterCommand.RunAsync(null, [Folder], explain, labels, output, errors, CancellationToken.None);
        return (code, output.ToString(), errors.ToString());
    }
}
