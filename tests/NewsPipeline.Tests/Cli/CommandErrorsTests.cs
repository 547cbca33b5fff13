using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Cli;

/// <summary>
/// A mistake in a setting or an argument gets the message and what to do, exit code 1, and no stack trace unless
/// --verbose asks for it. Each case runs the real `newsfeed` process.
/// </summary>
public sealed class CommandErrorsTests
{
    public static TheoryData<string, string, string, string> Mistakes => new()
    {
        // environment variable, its value, command line, what stderr must say
        { "Fetch__TimeoutSeconds", "abc", "feed https://127.0.0.1:1/x.xml", "Fetch:TimeoutSeconds" },
        { "Feeds", "a=ftp://127.0.0.1/x.xml", "fetch", "'ftp:' addresses are not fetched" },
        { "Feeds", "=http://127.0.0.1/x.xml", "fetch", "has nothing before '='" },
        { "Feeds", "[{\"name\": \"a\", ", "fetch", "not a JSON array of feeds" },
        { "Feeds", "Bad Name=http://127.0.0.1/x.xml", "fetch", "is not a lower-case slug" },
        { "FetchSchedule", "0 0 0 31 2 *", "run --port 1", "FetchSchedule setting '0 0 0 31 2 *' is refused: it never fires" },
        { "FetchSchedule", "every minute", "run --port 1", "FetchSchedule setting 'every minute' is refused" },
        // Checked at start by the same rule, where before a bad value surfaced only when the timer was first read.
        { "ReconcileSchedule", "0 0 0 31 2 *", "run --port 1", "ReconcileSchedule setting '0 0 0 31 2 *' is refused: it never fires" },
        { "ReconcileSchedule", "hourly", "fetch", "ReconcileSchedule setting 'hourly' is refused" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_bad_setting_prints_its_message_and_exits_1_without_a_stack_trace(string name, string value, string command, string expected)
    {
        var environment = new Dictionary<string, string>
        {
            [name] = value,
            // Never reached: the setting is refused first. If it were, no Azurite is started for this address.
            ["ArticleStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;",
        };

        var (exit, output, errors) = await NewsfeedCli.RunAsync(environment, command.Split(' '));

        Assert.True(exit == 1, $"exit {exit}\n{output}\n{errors}");
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.StartsWith("newsfeed: ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", errors + output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string, string> SettingsWithAdvice => new()
    {
        // environment variable, its value, command line, what stderr must say, and what it must advise
        { "Feeds", "a=http://127.0.0.1/x.xml;a=http://127.0.0.1/y.xml", "fetch", "Feed name 'a' appears 2 times in the Feeds setting", "each feed needs its own name" },
        { "Fetch__TimeoutSeconds", "abc", "fetch", "the setting Fetch__TimeoutSeconds (Fetch:TimeoutSeconds) is 'abc', which is not a whole number", "Fix it where it is set" },
        { "ArticleStorage", "not a connection string", "fetch", "The ArticleStorage setting is not a storage connection string", "Set it to \"UseDevelopmentStorage=true\" for Azurite" },
        { "ArticleStorage", "DefaultEndpointsProtocol=http;AccountName=x;AccountKey=not-base64;BlobEndpoint=http://127.0.0.1:1/x", "feeds", "The ArticleStorage setting is not a storage connection string", "Set it to \"UseDevelopmentStorage=true\" for Azurite" },
    };

    [Theory]
    [MemberData(nameof(SettingsWithAdvice))]
    public async Task A_bad_setting_says_what_is_wrong_and_what_to_do(string name, string value, string command, string expected, string advice)
    {
        var environment = new Dictionary<string, string> { ["ArticleStorage"] = Unreachable };
        environment[name] = value;

        var (exit, output, errors) = await NewsfeedCli.RunAsync(environment, command.Split(' '));

        AssertReported(exit, output, errors, expected, advice);
        // Refused before anything was started for it.
        Assert.DoesNotContain("Starting Azurite", output + errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_settings_file_that_is_not_JSON_is_named_with_the_line_to_fix()
    {
        var file = Path.Combine(Path.GetTempPath(), "newspipeline-broken-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        await File.WriteAllTextAsync(file, "{\n  \"Values\": {\n    \"Feeds\": \"a=x.xml\"\n    \"FetchSchedule\": \"0 */5 * * * *\"\n  }\n}\n");
        try
        {
            var (exit, output, errors) = await NewsfeedCli.RunAsync(new() { ["ArticleStorage"] = Unreachable }, "fetch", "--settings", file);

            AssertReported(exit, output, errors, $"Settings file '{file}' is not valid JSON at line 4", "Fix it (local.settings.sample.json shows the shape");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Storage_that_does_not_answer_is_named_with_what_to_check()
    {
        var (exit, output, errors) = await NewsfeedCli.RunAsync(new() { ["ArticleStorage"] = Unreachable, ["Feeds"] = "a=http://127.0.0.1:1/x.xml" }, "fetch");

        AssertReported(exit, output, errors, "storage or a server did not answer", "Check that storage is running");
    }

    [Fact]
    public async Task A_wrong_account_key_is_refused_by_storage_and_said_so()
    {
        var right = await AzuriteServer.ConnectionStringAsync();
        var key = System.Text.RegularExpressions.Regex.Match(right, "AccountKey=([^;]+)").Groups[1].Value;
        var wrong = right.Replace(key, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal);

        var (exit, output, errors) = await NewsfeedCli.RunAsync(new() { ["ArticleStorage"] = wrong, ["Feeds"] = "a=http://127.0.0.1:1/x.xml" }, "fetch");

        AssertReported(exit, output, errors, "storage refused the credentials", "Check the key or identity in ArticleStorage");
        Assert.DoesNotContain(Convert.ToBase64String(new byte[64]), output + errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_on_a_port_in_use_says_so_before_starting_anything()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, output, errors) = await NewsfeedCli.RunAsync(new() { ["ArticleStorage"] = "UseDevelopmentStorage=true" }, "run", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        AssertReported(exit, output, errors, $"Failed to bind to address http://127.0.0.1:{port}: address already in use", "choose another port with --port");
        Assert.DoesNotContain("Starting Azurite", output + errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_storage_that_does_not_answer_logs_the_reason_and_what_to_check_without_a_stack_trace()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "newsfeed.dll"));
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(NewsPipeline.Cli.Hosting.AzuriteProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment["ArticleStorage"] = Unreachable;
        start.Environment.Remove("Feeds");
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var process = System.Diagnostics.Process.Start(start)!;
        process.OutputDataReceived += (_, e) => lines.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => lines.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!lines.Any(l => l.Contains("The fetch pass failed", StringComparison.Ordinal)) && !process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            // A moment for the rest of that log entry (the console logger writes it in pieces).
            await Task.Delay(500);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var text = string.Join('\n', lines);
        var failed = Assert.Single(lines, l => l.Contains("The fetch pass failed", StringComparison.Ordinal));
        Assert.Contains("Connection refused", failed, StringComparison.Ordinal);
        Assert.Contains("check that storage is running", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private const string Unreachable = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    private static void AssertReported(int exit, string output, string errors, string expected, string advice)
    {
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{errors}");
        Assert.StartsWith("newsfeed: ", errors, StringComparison.Ordinal);
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.Contains(advice, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output + errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_settings_file_says_so_and_verbose_adds_the_stack_trace()
    {
        var missing = Path.Combine(Path.GetTempPath(), "newspipeline-no-such-" + Guid.NewGuid().ToString("N")[..8] + ".json");

        var (exit, _, errors) = await NewsfeedCli.RunAsync([], "feeds", "--settings", missing);
        var (verboseExit, _, verboseErrors) = await NewsfeedCli.RunAsync([], "feeds", "--settings", missing, "--verbose");

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        Assert.Equal(1, verboseExit);
        Assert.Contains("   at ", verboseErrors, StringComparison.Ordinal);
    }
}

/// <summary>A source name is valid by one rule, whether the Feeds setting or `import --source` gives it.</summary>
public sealed class SourceNameRuleTests
{
    [Theory]
    [InlineData("bbc.world")]
    [InlineData("news_2")]
    [InlineData("voachinese")]
    public async Task Import_takes_every_name_the_Feeds_setting_takes(string name)
    {
        Assert.True(NewsPipeline.Core.Model.Feeds.FeedSource.IsValidName(name));
        await using var pipeline = await TestPipeline.CreateAsync($"{name}=https://127.0.0.1:1/x.xml");
        Assert.Equal(name, Assert.Single(pipeline.Get<NewsPipeline.Core.Services.Pipeline.FetchService>().ConfiguredFeeds).Name);

        var summary = await pipeline.Get<NewsPipeline.Core.Services.Pipeline.ImportService>().ImportAsync([], name, null, CancellationToken.None);
        Assert.NotNull(summary);
    }

    [Theory]
    [InlineData("Bad Name")]
    [InlineData("-leading")]
    public async Task Import_refuses_what_the_Feeds_setting_refuses(string name)
    {
        Assert.False(NewsPipeline.Core.Model.Feeds.FeedSource.IsValidName(name));
        await using var pipeline = await TestPipeline.CreateAsync("");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => pipeline.Get<NewsPipeline.Core.Services.Pipeline.ImportService>().ImportAsync([], name, null, CancellationToken.None));
        Assert.Contains("the rule feed names in the Feeds setting follow", error.Message, StringComparison.Ordinal);
    }
}
