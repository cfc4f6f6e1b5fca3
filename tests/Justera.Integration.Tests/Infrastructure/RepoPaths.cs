namespace Justera.Integration.Tests.Infrastructure;

/// <summary>Locates the repository checkout the tests run from, and the npm tools in it.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds Justera.slnx.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>node_modules/.bin, filled by <c>npm ci</c> (./test and ./run do that).</summary>
    public static string NodeModulesBin => Path.Combine(Root, "node_modules", ".bin");

    public static string AzuriteBin => NodeBin("azurite");

    public static string MailDevBin => NodeBin("maildev");

    /// <summary>Path of an npm-installed command; throws a helpful error when npm ci has not run.</summary>
    public static string NodeBin(string name)
    {
        var path = Path.Combine(NodeModulesBin, name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path} does not exist. Run 'npm ci' in {Root} (./test does it for you).", path);
        }

        return path;
    }

    /// <summary>
    /// The JavaScript file behind a node_modules/.bin entry. Tests start it with <c>node</c>
    /// directly, so the process they track is the server itself and not a shell or shim in front.
    /// </summary>
    public static string NodeBinScript(string name)
    {
        var bin = NodeBin(name);
        var target = File.ResolveLinkTarget(bin, returnFinalTarget: true);
        return target?.FullName ?? bin;
    }

    private static string FindRoot()
    {
        // Test assemblies run from bin/<config>/<tfm>; the checkout is somewhere above that.
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Justera.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"Justera.slnx was not found above {AppContext.BaseDirectory}; the tests must run inside the repository.");
    }
}
