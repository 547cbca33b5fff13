using System.Diagnostics;

namespace NewsPipeline.Tests.Infrastructure;

/// <summary>Runs the built `newsfeed` as an operator would: a real process, its exit code, stdout and stderr.</summary>
internal static class NewsfeedCli
{
    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(Dictionary<string, string> environment, params string[] args) =>
        RunBuiltAsync("newsfeed.dll", environment, args);

    /// <summary>Settings for `newsfeed` on the shared Azurite with tables, container and queue of its own, and the given Feeds setting.</summary>
    public static async Task<Dictionary<string, string>> IsolatedEnvironmentAsync(string feeds)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return new Dictionary<string, string>
        {
            ["ArticleStorage"] = await AzuriteServer.ConnectionStringAsync(),
            ["Storage__ArticlesContainer"] = "articles-" + suffix,
            ["Storage__ArticlesTable"] = "articles" + suffix,
            ["Storage__FailuresTable"] = "failures" + suffix,
            ["Storage__StoriesTable"] = "stories" + suffix,
            ["Storage__FetchQueue"] = "feedfetch" + suffix,
            ["Storage__FeedsTable"] = "feeds" + suffix,
            ["Storage__ReadersTable"] = "readers" + suffix,
            ["Feeds"] = feeds,
        };
    }

    /// <summary>Runs a program built beside the tests (<paramref name="assembly"/> in their output folder) the same way.</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunBuiltAsync(string assembly, Dictionary<string, string> environment, params string[] args) =>
        RunBuiltAsync(assembly, environment, null, args);

    /// <summary>Runs `newsfeed` with <paramref name="input"/> on its standard input (a password, as an operator pipes it).</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunWithInputAsync(Dictionary<string, string> environment, string input, params string[] args) =>
        RunBuiltAsync("newsfeed.dll", environment, input, args);

    private static async Task<(int ExitCode, string Output, string Errors)> RunBuiltAsync(string assembly, Dictionary<string, string> environment, string? input, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
