using System.Text;
using SoMeScholar.Testing;

namespace SoMeScholar.Importers.Tests;

/// <summary>Helpers that run a reader over a fixture, a string or bytes and collect what it yields.</summary>
internal static class Read
{
    public static List<ImportRecord> Fixture(IImportReader reader, string relativePath, ReadOptions? options = null)
    {
        var path = SharedFiles.Fixture(relativePath);
        using var stream = File.OpenRead(path);
        return [.. reader.Read(stream, path, options ?? ReadOptions.Default)];
    }

    public static List<ImportRecord> Text(IImportReader reader, string text, ReadOptions? options = null, string source = "test") =>
        Bytes(reader, Encoding.UTF8.GetBytes(text), options, source);

    public static List<ImportRecord> Bytes(IImportReader reader, byte[] bytes, ReadOptions? options = null, string source = "test")
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return [.. reader.Read(stream, source, options ?? ReadOptions.Default)];
    }

    public static List<T> OfType<T>(this IEnumerable<ImportRecord> records) where T : ImportRecord => [.. Enumerable.OfType<T>(records)];
}
