using System.CommandLine;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.LoadTests.Commands;

// The load harnesses, kept out of the `newsfeed` a user installs. With no command: the items API at archive sizes.
var root = ItemsApiCommand.Create();
root.Subcommands.Add(IngestUnderLoadCommand.Create());
root.Subcommands.Add(FeedFormatsCommand.Create());
root.Subcommands.Add(ImportAtScaleCommand.Create());
root.Subcommands.Add(FetchAtScaleCommand.Create());
root.Subcommands.Add(ReaderApiCommand.Create());
root.Subcommands.Add(StoriesCommand.Create());
var verbose = new Option<bool>("--verbose")
{
    Description = "On failure, print the full exception with its stack trace (for bug reports).",
    Recursive = true,
};
root.Options.Add(verbose);

var parsed = root.Parse(args);
try
{
    // The handler `newsfeed` uses, so a failure reads the same: the message and what to do, no stack trace for a typo.
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is not OperationCanceledException)
{
    return CommandErrors.Report(e, parsed.GetValue(verbose), Console.Error, program: "NewsPipeline.LoadTests");
}
