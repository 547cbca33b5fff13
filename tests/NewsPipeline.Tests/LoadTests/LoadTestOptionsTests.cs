using NewsPipeline.Tests.Cli;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.LoadTests;

/// <summary>The load tests' command line (bench/NewsPipeline.LoadTests): its commands, and bad options refused up front.</summary>
public sealed class LoadTestOptionsTests
{
    [Fact]
    public async Task The_help_lists_every_load_test_with_an_example()
    {
        var help = await LoadTestsCli.RunAsync("--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var word in new[] { "ingest", "formats", "import", "fetch", "--sizes", "--requests", "--connection",
                     "dotnet run -c Release --project bench/NewsPipeline.LoadTests -- --sizes 1000 --requests 50" })
        {
            Assert.Contains(word, help.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--sizes abc", "--sizes takes article counts above 0, comma-separated")]
    [InlineData("--sizes 1000,0", "--sizes takes article counts above 0, comma-separated")]
    [InlineData("--requests 0", "--requests must be 1 or more; got 0")]
    [InlineData("--sizes 10 --requests 0 --connection " + Unreachable, "--requests must be 1 or more; got 0")]
    [InlineData("ingest --feeds 0", "--feeds must be 1 or more; got 0")]
    [InlineData("ingest --query-workers -1", "--query-workers must be 0 or more; got -1")]
    [InlineData("formats --clients 0", "--clients must be 1 or more; got 0")]
    public async Task A_bad_option_is_refused_before_any_table_is_filled(string command, string expected)
    {
        var (exit, output, errors) = await LoadTestsCli.RunAsync(command.Split(' '));

        Assert.True(exit == 1, $"exit {exit}\n{output}\n{errors}");
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        // What to do: the command's own help, with its examples, follows the error.
        Assert.Contains("Examples:", output + errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Starting Azurite", output + errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Machine:", output, StringComparison.Ordinal);
        // Worded as `newsfeed`'s errors are (ErrorWordingTests): no doubled period, no .NET parameter name.
        Assert.False(ErrorWordingTests.DoubledPeriod().IsMatch(output + errors), $"a doubled period:\n{output + errors}");
        Assert.DoesNotContain("(Parameter '", output + errors, StringComparison.Ordinal);
    }

    private const string Unreachable = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;";
}
