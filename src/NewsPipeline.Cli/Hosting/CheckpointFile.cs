using System.Text.Json;

namespace NewsPipeline.Cli.Hosting;

/// <summary>
/// Where a long command (import, reindex) records how far it got, for <c>--resume</c>: a small JSON file, rewritten
/// whole (to a temporary file, then moved over) after each step, so a crash leaves the last complete checkpoint.
/// It names the work it belongs to; a resume of other work is refused rather than skipping the wrong things.
/// </summary>
internal sealed class CheckpointFile<T>(string path, string work) where T : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Path => path;

    /// <summary>The default place: <c>.newsfeed/{command}.checkpoint.json</c> in the current folder.</summary>
    public static string DefaultPath(string command) => System.IO.Path.Combine(".newsfeed", command + ".checkpoint.json");

    /// <summary>The saved checkpoint, or null when there is none.</summary>
    /// <exception cref="InvalidOperationException">The file belongs to other work, or is not a checkpoint.</exception>
    public T? Load()
    {
        if (!File.Exists(path))
        {
            return null;
        }

        Saved? saved;
        try
        {
            saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The checkpoint {path} cannot be read ({e.Message}); delete it and start without --resume.", e);
        }

        if (saved?.Work != work || saved.Checkpoint is null)
        {
            throw new InvalidOperationException($"The checkpoint {path} was written for other work ({saved?.Work ?? "unknown"}), not for {work}; run the same command as before, or start without --resume.");
        }

        return saved.Checkpoint;
    }

    /// <summary>
    /// For a command's <c>--resume</c>: the checkpoint to go on from (null: start at the beginning), saying on stderr
    /// which; false when the file cannot be used, with the reason printed (the command then exits 2).
    /// </summary>
    public async Task<(bool Usable, T? Checkpoint)> ForResumeAsync(bool resume, Func<T, string> describe)
    {
        ArgumentNullException.ThrowIfNull(describe);
        if (!resume)
        {
            return (true, null);
        }

        T? checkpoint;
        try
        {
            checkpoint = Load();
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return (false, null);
        }

        await Console.Error.WriteLineAsync(checkpoint is null ? $"No checkpoint at {path}: starting from the beginning." : "Resuming after " + describe(checkpoint) + ".").ConfigureAwait(false);
        return (true, checkpoint);
    }

    public async Task SaveAsync(T checkpoint, CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(new Saved(work, checkpoint), Json), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Removes the checkpoint once the work is done: a later --resume then has nothing to skip.</summary>
    public void Delete() => File.Delete(path);

    private sealed record Saved(string Work, T? Checkpoint);
}
