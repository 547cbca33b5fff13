namespace NewsPipeline.Tests.Infrastructure;

/// <summary>Runs the built load tests (bench/NewsPipeline.LoadTests) as a benchmarker would: a real process.</summary>
internal static class LoadTestsCli
{
    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args) =>
        NewsfeedCli.RunBuiltAsync("NewsPipeline.LoadTests.dll", [], args);
}
