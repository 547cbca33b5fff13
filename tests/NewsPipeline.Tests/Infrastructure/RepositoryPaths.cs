namespace NewsPipeline.Tests.Infrastructure;

/// <summary>Where things are, relative to the repository this test assembly was built in.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug, Release): the Functions app was built with it too.</summary>
    public static string Configuration { get; } = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>The team's shared fixtures, beside the repository as CI lays them out; null where the clone stands alone.</summary>
    public static string? SharedFixtures
    {
        get
        {
            var path = Path.Combine(Root, "..", "shared", "fixtures");
            return Directory.Exists(path) ? Path.GetFullPath(path) : null;
        }
    }

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>Reads a file of ../shared/fixtures, or skips the test (reported as skipped, never passed) where it is absent.</summary>
    public static string ReadSharedFixture(string name)
    {
        Skip.If(SharedFixtures is null, $"../shared/fixtures is not beside the repository ({Path.GetFullPath(Path.Combine(Root, ".."))}); shared fixtures are read from there, never copied.");
        return File.ReadAllText(Path.Combine(SharedFixtures!, name));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}
