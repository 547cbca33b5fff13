using System.CommandLine;
using NewsPipeline.Cli.Commands;
using NewsPipeline.Cli.Hosting;

var settings = new Option<FileInfo?>("--settings")
{
    Description = "A Functions local.settings.json whose Values to use (by default: built-in local defaults, then environment variables).",
    Recursive = true,
};

var root = new RootCommand("""
    newsfeed — run and operate the NewsPipeline news-ingest pipeline locally.

    Settings have the same names as the Functions app's (see local.settings.sample.json): ArticleStorage,
    FetchSchedule, Feeds ("name=url;name=url"), Fetch__TimeoutSeconds … Set them as environment variables or
    pass --settings local.settings.json.
    """)
{
    RunCommand.Create(settings),
    FetchCommand.Create(settings),
    PreviewCommand.Create(settings),
    FeedsCommand.Create(settings),
    UsersCommand.Create(settings),
    ParseCommand.Create(),
    ClusterCommand.Create(settings),
    ImportCommand.Create(settings),
    ReindexCommand.Create(settings),
    FailuresCommand.Create(settings),
    StatsCommand.Create(),
};
var verbose = new Option<bool>("--verbose")
{
    Description = "On failure, print the full exception with its stack trace (for bug reports).",
    Recursive = true,
};
root.Options.Add(settings);
root.Options.Add(verbose);

var parsed = root.Parse(args);
try
{
    // Our own handler instead of the default one, which prints "Unhandled exception" and a stack trace for a typo.
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is not OperationCanceledException)
{
    return CommandErrors.Report(e, parsed.GetValue(verbose), Console.Error);
}
