using System.Text.Json;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Cli;

/// <summary>`newsfeed parse`, `import`, `reindex` and `failures` as an operator runs them: real processes, a real Azurite.</summary>
public sealed class OpsCommandsTests
{
    [Fact]
    public async Task Parse_json_prints_one_object_per_document_and_the_reason_for_one_that_is_not_an_article()
    {
        var good = RepositoryPaths.Fixture("articles", "05-author-br-date-zoned.md");
        var page = RepositoryPaths.Fixture("articles", "39-page-json-ld-graph.html");
        var bad = RepositoryPaths.Fixture("articles", "05-author-br-date-zoned.expected.json");

        var (exitCode, output, _) = await RunAsync(new Dictionary<string, string>(), "parse", "--json", good, page, bad);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(1, exitCode);
        Assert.Equal(3, lines.Count);
        Assert.Equal("Mira Okafor", lines[0].GetProperty("author").GetString());
        Assert.Equal("header", lines[0].GetProperty("publishedOrigin").GetString());
        Assert.Equal("jsonLd", lines[1].GetProperty("publishedOrigin").GetString());
        Assert.Equal(bad, lines[2].GetProperty("file").GetString());
        Assert.Contains("No '------' line", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_without_json_prints_the_fields_a_reader_checks()
    {
        var (exitCode, output, _) = await RunAsync(new Dictionary<string, string>(), "parse", RepositoryPaths.Fixture("articles", "11-weserv-ssl-proxy-image.md"));

        Assert.Equal(0, exitCode);
        Assert.Contains("imageOriginal  https://cdn.harbourtimes.example/img/fleet.jpg", output, StringComparison.Ordinal);
        Assert.Contains("published      2026-11-24T05:00:00.0000000+00:00 (header)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_then_failures_then_reindex_report_what_they_did()
    {
        var folder = Directory.CreateTempSubdirectory("newsfeed-cli-import-").FullName;
        try
        {
            foreach (var name in new[] { "01-exact-rfc1123-header.md", "14-caption-in-div-small.md", "38-page-open-graph.html" })
            {
                File.Copy(RepositoryPaths.Fixture("articles", name), Path.Combine(folder, name));
            }

            File.WriteAllText(Path.Combine(folder, "broken.md"), "[no link]\n------\n");
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var environment = new Dictionary<string, string>
            {
                ["ArticleStorage"] = await AzuriteServer.ConnectionStringAsync(),
                ["Storage__ArticlesContainer"] = "articles-" + suffix,
                ["Storage__ArticlesTable"] = "articles" + suffix,
                ["Storage__FailuresTable"] = "failures" + suffix,
            };

            var first = await RunAsync(environment, "import", "--source", "archive", folder);
            var second = await RunAsync(environment, "import", "--source", "archive", folder);
            var noFailures = await RunAsync(environment, "failures");

            // A blob some other writer left in the container, which no parser can read.
            await using (var storage = await TestPipeline.CreateAsync(string.Empty, new Dictionary<string, string?>
            {
                ["Storage:ArticlesContainer"] = environment["Storage__ArticlesContainer"],
                ["Storage:ArticlesTable"] = environment["Storage__ArticlesTable"],
                ["Storage:FailuresTable"] = environment["Storage__FailuresTable"],
            }))
            {
                await storage.Get<ArticleBlobStore>().TryCreateAsync("archive/2026/11/24/scan.md", "%PDF-1.7 not an article", CancellationToken.None);
            }

            environment["Parser__Version"] = (ArticleMetadataParser.Version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var reindex = await RunAsync(environment, "reindex", "--source", "archive", "--since", "2026-11-01");
            var reindexAgain = await RunAsync(environment, "reindex", "--source", "archive");
            var failures = await RunAsync(environment, "failures");
            var failuresJson = await RunAsync(environment, "failures", "--json");
            var badSince = await RunAsync(environment, "reindex", "--since", "last week");

            Assert.Equal(1, first.ExitCode);
            Assert.Contains("3 imported, 0 skipped (already stored), 1 failed", first.Output, StringComparison.Ordinal);
            Assert.Contains("broken.md: The header line is not '[title](url)'", first.Output, StringComparison.Ordinal);
            Assert.Contains("Importing [", first.Errors, StringComparison.Ordinal);
            Assert.Contains("0 imported, 3 skipped (already stored), 1 failed", second.Output, StringComparison.Ordinal);
            // A file refused by import was never uploaded, so it is not a blob failure.
            Assert.Contains("No parse failures.", noFailures.Output, StringComparison.Ordinal);
            Assert.Equal(1, reindex.ExitCode);
            Assert.Contains("4 blobs: 3 parsed, 0 already current, 1 failed (see `newsfeed failures`)", reindex.Output, StringComparison.Ordinal);
            Assert.Contains("Reindexing [", reindex.Errors, StringComparison.Ordinal);
            // Rows already at this parser version are left alone without a download; the blob with no row is tried again.
            Assert.Contains("4 blobs: 0 parsed, 3 already current, 1 failed", reindexAgain.Output, StringComparison.Ordinal);
            Assert.Contains("archive/2026/11/24/scan.md\n  No '------' line", failures.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.Contains("1 parse failure(s).", failures.Output, StringComparison.Ordinal);
            var failure = JsonDocument.Parse(failuresJson.Output).RootElement;
            Assert.Equal("archive/2026/11/24/scan.md", failure.GetProperty("blobName").GetString());
            Assert.Equal(ArticleMetadataParser.Version + 1, failure.GetProperty("parserVersion").GetInt32());
            Assert.Equal(2, badSince.ExitCode);
            Assert.Contains("--since 'last week' is not a day in the form yyyy-MM-dd", badSince.Errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_of_a_path_that_does_not_exist_fails_with_its_name_before_touching_storage()
    {
        var (exitCode, _, errors) = await RunAsync(new Dictionary<string, string> { ["ArticleStorage"] = "UseDevelopmentStorage=true" }, "import", "/no/such/archive");

        Assert.Equal(2, exitCode);
        Assert.Contains("'/no/such/archive' is neither a file nor a folder", errors, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output, string Errors)> RunAsync(Dictionary<string, string> environment, params string[] args) =>
        NewsfeedCli.RunAsync(environment, args);
}
