using System.Text;
using SoMeScholar.Graph.Centrality;
using SoMeScholar.Graph.Communities;
using SoMeScholar.Graph.IO;

namespace SoMeScholar.Graph.Tests.IO;

public class GraphMLTests
{
    private const string Sample = """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="l" for="node" attr.name="label" attr.type="string"/>
          <key id="f" for="node" attr.name="followers" attr.type="int"><default>0</default></key>
          <key id="w" for="edge" attr.name="weight" attr.type="double"/>
          <graph id="G" edgedefault="undirected">
            <node id="n1"><data key="l">Dr One</data><data key="f">120</data></node>
            <node id="n2"/>
            <node id="n3"><data key="l">Three &amp; Co</data></node>
            <edge source="n1" target="n2"><data key="w">2.5</data></edge>
            <edge source="n2" target="n3"/>
          </graph>
        </graphml>
        """;

    private static GraphDocument Read(string xml, string name = "sample.graphml") =>
        GraphMLReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), name);

    [Fact]
    public void Reads_nodes_edges_labels_attributes_defaults_and_weights()
    {
        var document = Read(Sample);

        var graph = document.Graph;
        Assert.False(graph.IsDirected);
        Assert.Equal(["n1", "n2", "n3"], graph.NodeIds);
        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal(["Dr One", null, "Three & Co"], document.Labels);
        var followers = Assert.Single(document.NodeColumns);
        Assert.Equal("followers", followers.Name);
        Assert.Equal(AttributeType.Whole, followers.Type);
        Assert.Equal(["120", "0", "0"], followers.Values);
        Assert.Equal([2.5], graph.OutEdgeWeights(0).ToArray());
        Assert.Equal([2.5, 1.0], graph.OutEdgeWeights(1).ToArray());
    }

    [Fact]
    public void Round_trips_a_graph_with_measures_and_communities()
    {
        var graph = TestGraphs.Shared("nx-karate_club", directed: false);
        var pagerank = PageRank.Compute(graph);
        var communities = Louvain.Compute(graph);
        var document = GraphDocument.WithMeasures(graph, [pagerank], communities);
        var stream = new MemoryStream();

        GraphMLWriter.Write(document, stream);
        var again = GraphMLReader.Read(new MemoryStream(stream.ToArray()), "karate.graphml");

        Assert.Equal(graph.NodeIds, again.Graph.NodeIds);
        Assert.Equal(graph.EdgeCount, again.Graph.EdgeCount);
        Assert.False(again.Graph.IsDirected);
        Assert.Equal(["pagerank", "community"], again.NodeColumns.Select(c => c.Name));
        for (var v = 0; v < graph.NodeCount; v++)
        {
            Assert.Equal(pagerank[v], double.Parse(again.NodeColumns[0].Values[v]!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(graph.OutNeighbors(v).ToArray().Order(), again.Graph.OutNeighbors(v).ToArray().Order());
        }
    }

    [Fact]
    public void Reads_what_networkx_writes()
    {
        // The shape of networkx.write_graphml output (networkx/readwrite/graphml.py) for a weighted DiGraph.
        const string xml = """
            <?xml version='1.0' encoding='utf-8'?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
              <key id="d0" for="edge" attr.name="weight" attr.type="double" />
              <graph edgedefault="directed">
                <node id="a" />
                <node id="b" />
                <edge source="a" target="b">
                  <data key="d0">3.0</data>
                </edge>
              </graph>
            </graphml>
            """;

        var graph = Read(xml).Graph;

        Assert.True(graph.IsDirected);
        Assert.Equal([3.0], graph.OutEdgeWeights(0).ToArray());
    }

    [Theory]
    [InlineData("<graphml><graph edgedefault=\"directed\"><node id=\"a\"/><edge source=\"a\" target=\"zz\"/></graph></graphml>", 1, "edge target 'zz' is not a declared node")]
    [InlineData("<graphml>\n<graph edgedefault=\"directed\">\n<node id=\"a\"/>\n<node id=\"a\"/>\n</graph></graphml>", 4, "node 'a' is declared twice")]
    [InlineData("<graphml>\n<graph edgedefault=\"sideways\"/></graphml>", 2, "edgedefault")]
    [InlineData("<graphml>\n<graph>\n<node id=\"a\"><data key=\"nope\">1</data></node></graph></graphml>", 3, "undeclared key 'nope'")]
    [InlineData("<graphml>\n<graph>\n<node id=\"a\">\n</graph></graphml>", 4, "not well-formed XML")]
    [InlineData("<graphml/>", 0, "no <graph> element")]
    public void Says_where_and_why_a_file_is_wrong(string xml, int line, string reason)
    {
        var error = Assert.Throws<GraphFormatException>(() => Read(xml, "bad.graphml"));

        Assert.Equal("bad.graphml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
