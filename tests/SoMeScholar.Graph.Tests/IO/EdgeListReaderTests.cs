using System.IO.Compression;
using System.Text;
using SoMeScholar.Graph.IO;
using SoMeScholar.Testing;

namespace SoMeScholar.Graph.Tests.IO;

public class EdgeListReaderTests
{
    private static CsrGraph ReadText(string text, string name = "test.edges", bool directed = true) =>
        EdgeListReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), name, new EdgeListOptions { Directed = directed });

    [Fact]
    public void Reads_pairs_skipping_comments_blank_lines_and_carriage_returns()
    {
        var graph = ReadText("# a comment\r\n% another\r\n\r\nalice bob\r\n  bob\tcarol  \r\ncarol alice");

        Assert.Equal(["alice", "bob", "carol"], graph.NodeIds);
        Assert.Equal(3, graph.EdgeCount);
        Assert.False(graph.IsWeighted);
    }

    [Fact]
    public void Reads_weights_and_unicode_ids()
    {
        var graph = ReadText("\uFEFFzoë @dr.ñ 2.5\n@dr.ñ zoë 1e-1\n");

        Assert.True(graph.IsWeighted);
        Assert.Equal(["zoë", "@dr.ñ"], graph.NodeIds);
        Assert.Equal([2.5], graph.OutEdgeWeights(0).ToArray());
        Assert.Equal([0.1], graph.OutEdgeWeights(1).ToArray());
    }

    [Fact]
    public void Reads_gzip_by_extension()
    {
        var graph = EdgeListReader.Read(SharedFiles.Graph("nx-karate_club.edges.gz"), new EdgeListOptions { Directed = false });

        Assert.Equal(34, graph.NodeCount);
        Assert.Equal(78, graph.EdgeCount);
    }

    [Fact]
    public void Reads_the_shared_scale_free_graph_with_its_published_size()
    {
        // ../shared/graphs/README.md: sf-10000 has 10,000 nodes and 100,140 edges.
        var graph = EdgeListReader.Read(SharedFiles.Graph("sf-10000.edges.gz"));

        Assert.Equal(10_000, graph.NodeCount);
        Assert.Equal(100_140, graph.EdgeCount);
    }

    [Fact]
    public void Reads_lines_longer_than_its_buffer()
    {
        var longId = new string('x', 3 << 20);
        var graph = ReadText($"a {longId}\n{longId} b\n");

        Assert.Equal(3, graph.NodeCount);
        Assert.Equal(longId, graph.NodeId(1));
    }

    [Theory]
    [InlineData("a b\nlonely\n", 2, "found one field 'lonely'")]
    [InlineData("a b\nc d\ne f 1 2\n", 3, "fourth field '2'")]
    [InlineData("a b heavy\n", 1, "the weight 'heavy' is not a finite number")]
    [InlineData("a b NaN\n", 1, "not a finite number")]
    public void Says_which_file_and_line_is_wrong_and_why(string text, int line, string reason)
    {
        var error = Assert.Throws<GraphFormatException>(() => ReadText(text, "people.edges"));

        Assert.Equal("people.edges", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"people.edges:{line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_file_that_is_not_gzip()
    {
        var error = Assert.Throws<GraphFormatException>(() => ReadText("a b\n", "plain.edges.gz"));

        Assert.Contains("not valid gzip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_ids_that_are_not_utf8()
    {
        var bytes = new byte[] { (byte)'a', (byte)' ', 0xFF, 0xFE, (byte)'\n' };

        var error = Assert.Throws<GraphFormatException>(() => EdgeListReader.Read(new MemoryStream(bytes), "bad.edges"));

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Writes_what_it_reads()
    {
        var graph = ReadText("a b 1.5\nb c 2\nc a 0.25\n");
        var writer = new StringWriter();

        EdgeListWriter.Write(graph, writer);
        var again = ReadText(writer.ToString());

        Assert.Equal("a b 1.5\nb c 2\nc a 0.25\n", writer.ToString());
        Assert.Equal(graph.NodeIds, again.NodeIds);
    }

    [Fact]
    public void Writes_gzip_through_graph_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"somescholar-{Guid.NewGuid():N}.edges.gz");
        try
        {
            GraphFile.Write(new GraphDocument(TestGraphs.Parse(true, "a-b b-c")), path);
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);

            Assert.Equal("a b\nb c\n", reader.ReadToEnd());
            Assert.Equal(2, GraphFile.Read(path).Graph.EdgeCount);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
