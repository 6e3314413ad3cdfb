namespace Nova.Resources.Overview.Tests.Support;

/// <summary>Finds the checkout the tests were built from, for its scripts and the built samples.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The built sample's program, in the configuration the tests were built in.</summary>
    public static string Sample(string project, string assembly)
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string path = Path("samples", project, "bin", configuration, "net10.0", assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build the solution first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Nova.Resources.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Nova.Resources.sln above {AppContext.BaseDirectory}.");
    }
}
