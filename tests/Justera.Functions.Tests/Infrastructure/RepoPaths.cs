namespace Justera.Functions.Tests.Infrastructure;

/// <summary>The repository checkout the tests run from (the folder that holds Justera.slnx).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Functions => Path.Combine(Root, "functions");

    public static string Infra => Path.Combine(Root, "infra");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Justera.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"Justera.slnx was not found above {AppContext.BaseDirectory}; the tests must run inside the repository.");
    }
}
