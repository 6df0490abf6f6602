using System.Text;
using System.Xml;
using System.Xml.Schema;
using SoMeScholar.Graph.Centrality;
using SoMeScholar.Graph.Communities;
using SoMeScholar.Graph.IO;
using SoMeScholar.Testing;

namespace SoMeScholar.Graph.Tests.IO;

public class GexfTests
{
    private static XmlSchemaSet Schema()
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add("http://gexf.net/1.3", SharedFiles.Fixture("graph/gexf/schema-1.3/gexf.xsd"));
        set.Compile();
        return set;
    }

    /// <summary>Validates against the GEXF 1.3 XML Schema and returns every error and warning.</summary>
    private static List<string> Validate(byte[] xml)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schema() };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    private static byte[] Write(GraphDocument document)
    {
        var stream = new MemoryStream();
        GexfWriter.Write(document, stream, "test export", new DateOnly(2026, 1, 31));
        return stream.ToArray();
    }

    [Fact]
    public void Writes_gexf_1_3_that_validates_against_the_schema()
    {
        var graph = TestGraphs.Shared("nx-les_miserables", directed: false, labelled: true);
        var document = GraphDocument.WithMeasures(graph, [Betweenness.Compute(graph), PageRank.Compute(graph)], Louvain.Compute(graph));

        var xml = Write(document);

        Assert.Empty(Validate(xml));
        Assert.Contains("version=\"1.3\"", Encoding.UTF8.GetString(xml), StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_weighted_directed_graphs_that_validate()
    {
        var builder = new GraphBuilder(true);
        builder.AddEdge("a & b", "<c>", 2.5);
        builder.AddEdge("<c>", "a & b", 1);

        Assert.Empty(Validate(Write(new GraphDocument(builder.Build()))));
    }

    [Theory]
    [InlineData("basic.gexf", 2, 1, true)]
    [InlineData("data.gexf", 4, 5, true)]
    [InlineData("dynamics.gexf", 4, 5, true)]
    [InlineData("viz.gexf", 1, 0, false)]
    public void Round_trips_the_gephi_example_files(string file, int nodes, int edges, bool directed)
    {
        var original = GexfReader.Read(SharedFiles.Fixture("graph/gexf/" + file));

        var written = Write(original);
        var again = GexfReader.Read(new MemoryStream(written), file);

        Assert.Empty(Validate(written));
        Assert.Equal(nodes, original.Graph.NodeCount);
        Assert.Equal(edges, original.Graph.EdgeCount);
        Assert.Equal(directed, original.Graph.IsDirected);
        Assert.Equal(original.Graph.NodeIds, again.Graph.NodeIds);
        Assert.Equal(original.Labels, again.Labels);
        Assert.Equal(original.Graph.EdgeCount, again.Graph.EdgeCount);
        Assert.Equal(original.NodeColumns.Select(c => (c.Name, c.Type)), again.NodeColumns.Select(c => (c.Name, c.Type)));
        for (var c = 0; c < original.NodeColumns.Count; c++)
        {
            Assert.Equal(original.NodeColumns[c].Values, again.NodeColumns[c].Values);
        }
    }

    [Fact]
    public void Reads_attributes_with_their_defaults()
    {
        // data.gexf: attribute 2 "frog" defaults to true; BarabasiLab sets it to false; indegree is a float.
        var document = GexfReader.Read(SharedFiles.Fixture("graph/gexf/data.gexf"));

        var frog = document.NodeColumns.Single(c => c.Name == "frog");
        var indegree = document.NodeColumns.Single(c => c.Name == "indegree");
        Assert.Equal(["true", "true", "true", "false"], frog.Values);
        Assert.Equal(AttributeType.Real, indegree.Type);
        Assert.Equal(["Gephi", "Webatlas", "RTGI", "BarabasiLab"], document.Labels);
    }

    [Fact]
    public void Says_where_an_edge_names_an_unknown_node()
    {
        const string xml = "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n<graph defaultedgetype=\"directed\">\n<nodes><node id=\"a\"/></nodes>\n<edges><edge source=\"a\" target=\"b\"/></edges>\n</graph></gexf>";

        var error = Assert.Throws<GraphFormatException>(() => GexfReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "x.gexf"));

        Assert.Equal(4, error.Line);
        Assert.Contains("edge target 'b' is not a declared node", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_file_picks_the_reader_by_extension()
    {
        Assert.Equal(GraphFileFormat.Gexf, GraphFile.FormatOf("x.gexf"));
        Assert.Equal(GraphFileFormat.GraphML, GraphFile.FormatOf("x.graphml.gz"));
        Assert.Equal(GraphFileFormat.EdgeList, GraphFile.FormatOf("x.edges.gz"));
        Assert.Equal(4, GraphFile.Read(SharedFiles.Fixture("graph/gexf/data.gexf")).Graph.NodeCount);
    }
}
