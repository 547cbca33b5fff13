namespace NewsPipeline.Core.Model;

/// <summary>How far a batch (import, reindex) has come: hosts show it as a progress bar or line.</summary>
public readonly record struct BatchProgress(int Done, int Total, int Failed, string Current);
