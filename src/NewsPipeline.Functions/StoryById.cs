using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Functions;

/// <summary><c>GET /api/stories/{id}</c>: one story (a merged story's id answers with the story it joined).</summary>
public sealed class StoryById(StoriesEndpoint stories, StorageGuard guard)
{
    [Function(nameof(StoryById))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.StoryById)] HttpRequest request,
        string id)
    {
        await guard.RunAsync(request.HttpContext, context => stories.HandleOneAsync(context, id));
        return new EmptyResult();
    }
}
