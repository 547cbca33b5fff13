using NewsPipeline.Core.Reading;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Core.Services.Stories;

namespace NewsPipeline.Core.Services.Pipeline;

/// <summary>One document of a folder and the story it was given (null with the reason when it is not an article).</summary>
public sealed record ClusteredFile(string File, string? ArticleId, string? Story, StoryDecision? Decision, string? Error, DateTimeOffset Published = default);

/// <summary>
/// Clusters the article documents of a folder in memory, with the pipeline's clustering code and settings
/// (<c>newsfeed cluster</c>, the scoring bench, the dev-set test). Documents are taken in order of publication, as
/// the pipeline indexes them when their feeds are polled; each is indexed when it is published.
/// </summary>
public static class FolderClustering
{
    public static async Task<IReadOnlyList<ClusteredFile>> ClusterAsync(IEnumerable<string> paths, StorySettings settings, CancellationToken cancellationToken)
    {
        var parser = new ArticleMetadataParser(TimeProvider.System, new ParserOptions());
        var parsed = new List<(string File, Model.Articles.ArticleMetadata? Article, string? Error)>();
        foreach (var file in ImportService.EnumerateDocuments(paths))
        {
            try
            {
                var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
                parsed.Add((file, text.Length > ParseService.MaxDocumentChars ? throw new ArticleFormatException("The document is too long.") : parser.Parse(text), null));
            }
            catch (Exception e) when (e is ArticleFormatException or IOException or UnauthorizedAccessException)
            {
                parsed.Add((file, null, e.Message));
            }
        }

        var clusterer = new StoryClusterer(new MemoryStoryIndex(), settings);
        var results = new List<ClusteredFile>(parsed.Count);
        foreach (var (file, article, error) in parsed.OrderBy(p => p.Article?.Published ?? DateTimeOffset.MinValue).ThenBy(p => p.File, StringComparer.Ordinal))
        {
            if (article is null)
            {
                results.Add(new ClusteredFile(file, null, null, null, error));
                continue;
            }

            var decision = await clusterer.AssignAsync(StoryInput.From(article, article.Published, settings.LeadChars), cancellationToken).ConfigureAwait(false);
            results.Add(new ClusteredFile(file, article.Id, decision.Story, decision, null, article.Published));
        }

        // Stories merged after a file was given one: each file answers with the story its story became.
        var final = new List<ClusteredFile>(results.Count);
        foreach (var result in results)
        {
            var story = result.Story is null ? null : (await clusterer.ResolveAsync(result.Story, cancellationToken).ConfigureAwait(false))?.Id ?? result.Story;
            final.Add(result with { Story = story });
        }

        return final;
    }
}
