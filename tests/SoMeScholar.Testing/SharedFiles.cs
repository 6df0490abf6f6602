using System.IO.Compression;
using System.Reflection;

namespace SoMeScholar.Testing;

[AttributeUsage(AttributeTargets.Assembly)]
public sealed class SharedFolderAttribute(string path) : Attribute
{
    public string Path { get; } = path;
}

/// <summary>
/// The project's shared data beside the repository (../shared): real fixtures from the three networks and graphs for
/// tests and benchmarks. Found through SOMESCHOLAR_SHARED, else the folder beside the checkout this was built from.
/// </summary>
public static class SharedFiles
{
    public static string Root { get; } = Locate();

    public static string Fixture(string relativePath) => Existing(Path.Combine(Root, "fixtures", relativePath));

    public static string Graph(string fileName) => Existing(Path.Combine(Root, "graphs", fileName));

    /// <summary>Reads a gzip-compressed text file (the graphs folder) whole.</summary>
    public static string ReadGzipText(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    private static string Existing(string path) =>
        File.Exists(path) || Directory.Exists(path) ? path : throw new FileNotFoundException($"Shared test data missing: {path}. Tests expect ../shared beside the repository (or SOMESCHOLAR_SHARED).", path);

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SOMESCHOLAR_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        var built = typeof(SharedFiles).Assembly.GetCustomAttribute<SharedFolderAttribute>()?.Path;
        if (built is not null && Directory.Exists(built))
        {
            return built;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "fixtures")))
            {
                return candidate;
            }
        }

        return built ?? "../shared";
    }
}
