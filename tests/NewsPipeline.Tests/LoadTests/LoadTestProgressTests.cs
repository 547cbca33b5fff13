using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.LoadTests;

/// <summary>The load tests say how far they have come while they fill tables, instead of a silent terminal for minutes.</summary>
public sealed class LoadTestProgressTests
{
    [Fact]
    public async Task The_items_api_load_test_prints_a_progress_line_while_it_seeds_and_then_the_table()
    {
        var (exit, output, errors) = await LoadTestsCli.RunAsync("--sizes", "250", "--requests", "3", "--connection", await AzuriteServer.ConnectionStringAsync());

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{errors}");
        // Redirected (as here, or in CI), the line is printed at each tenth rather than redrawn.
        Assert.Contains("Seeding 250 articles [..............................] 0/250", errors, StringComparison.Ordinal);
        Assert.Contains("Seeding 250 articles [##############################] 250/250", errors, StringComparison.Ordinal);
        Assert.Matches(@"\| 250 \| [\d.]+ \|", output);
    }

    [Fact]
    public async Task The_formats_load_test_prints_progress_while_it_writes_parses_and_loads_the_articles()
    {
        var (exit, output, errors) = await LoadTestsCli.RunAsync("formats", "--articles", "40", "--clients", "1", "--requests", "3",
            "--connection", await AzuriteServer.ConnectionStringAsync());

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{errors}");
        Assert.Contains("Writing and parsing 40 articles [##############################] 40/40", errors, StringComparison.Ordinal);
        Assert.Contains("Loading v2 rows (HTML from blobs) [##############################] 40/40", errors, StringComparison.Ordinal);
        Assert.Contains("Loading v3 rows (HTML in the row) [##############################] 40/40", errors, StringComparison.Ordinal);
    }
}
