using System.CommandLine;
using System.Text.Json.Nodes;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Services.Pipeline;

using NewsPipeline.Core.Reading;

namespace NewsPipeline.Cli.Commands;

internal static class ParseCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Archived articles (.md) or HTML article pages to parse.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per document (its metadata, or its error) on one line each." };
        var command = new Command("parse", """
            Parse documents from disk and print their metadata, exactly as the pipeline would store it, without
            touching storage. Exit code 1 when any document is not an article (the reason is printed).

            Examples:
              newsfeed parse ../shared/fixtures/voa-biden-putin-call.md
              newsfeed parse --json archive/*.md | jq .title
            """)
        {
            files,
            json,
        };
        command.SetAction((result, _) => Task.FromResult(Run(result.GetValue(files) ?? [], result.GetValue(json), Console.Out, Console.Error)));
        return command;
    }

    internal static int Run(IReadOnlyList<string> files, bool json, TextWriter output, TextWriter errors)
    {
        var parser = new ArticleMetadataParser(TimeProvider.System);
        var failed = 0;
        foreach (var file in files)
        {
            string? error = null;
            ArticleMetadata? article = null;
            try
            {
                // A folder would be answered "Access to the path is denied", which sends the user after permissions.
                var text = Directory.Exists(file)
                    ? throw new IOException($"'{file}' is a folder; give the article files in it (newsfeed parse {file.TrimEnd('/')}/*.md), or import the folder with `newsfeed import`.")
                    : File.ReadAllText(file);
                article = text.Length > ParseService.MaxDocumentChars
                    ? throw new ArticleFormatException($"The document is {text.Length:N0} characters, over the {ParseService.MaxDocumentChars:N0} the parser reads.")
                    : parser.Parse(text);
            }
            catch (Exception e) when (e is ArticleFormatException or IOException or UnauthorizedAccessException)
            {
                error = e.Message;
                failed++;
            }

            if (json)
            {
                var line = article is null ? new JsonObject { ["error"] = error } : JsonNode.Parse(MetadataJson.Serialize(article))!.AsObject();
                line.Insert(0, "file", file);
                output.WriteLine(line.ToJsonString(MetadataJson.Options));
            }
            else if (article is null)
            {
                errors.WriteLine($"{file}: not parsed: {error}");
            }
            else
            {
                WriteText(output, file, article);
            }
        }

        return failed == 0 ? 0 : 1;
    }

    private static void WriteText(TextWriter output, string file, ArticleMetadata a)
    {
        output.WriteLine(file);
        void Field(string name, object? value)
        {
            if (value is not null && value as string is not "")
            {
                output.WriteLine($"  {name,-15}{value}");
            }
        }

        Field("id", a.Id);
        Field("title", a.Title);
        Field("url", a.Url);
        Field("source", a.Source);
        Field("feedPublished", a.FeedPublished?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Field("published", $"{a.Published.ToString("O", System.Globalization.CultureInfo.InvariantCulture)} ({a.PublishedOrigin.ToString().ToLowerInvariant()})");
        Field("author", a.Author);
        Field("image", a.Image);
        Field("imageOriginal", a.ImageOriginal == a.Image ? null : a.ImageOriginal);
        Field("caption", a.Caption);
        Field("summary", a.Summary);
        Field("language", a.Language);
        Field("size", $"{a.Paragraphs} paragraphs, {a.Characters} characters, {a.Words} words");
        Field("links", a.Links.Count == 0 ? null : string.Join("\n" + new string(' ', 17), a.Links));
        Field("contentHash", a.ContentHash);
        Field("parserVersion", a.ParserVersion);
    }
}
