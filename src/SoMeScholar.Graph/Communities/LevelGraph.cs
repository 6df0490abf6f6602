namespace SoMeScholar.Graph.Communities;

/// <summary>An undirected weighted graph of one level of the Louvain and Leiden methods: adjacency without self-loops, the
/// weight inside each node, and weighted degrees.</summary>
internal sealed class LevelGraph
{
    public required int NodeCount { get; init; }

    public required int[] Offsets { get; init; }

    public required int[] Targets { get; init; }

    public required double[] Weights { get; init; }

    /// <summary>Weight of the edges inside each node (self-loops; each edge once).</summary>
    public required double[] Self { get; init; }

    /// <summary>Weighted degree: Σ neighbour weights + 2·self.</summary>
    public required double[] Strength { get; init; }

    public required double TotalWeight { get; init; }

    public static LevelGraph From(CsrGraph g, bool useWeights)
    {
        var n = g.NodeCount;
        var offsets = new int[n + 1];
        var targets = new List<int>((int)Math.Min(int.MaxValue, g.OutTargets.Length));
        var weights = new List<double>(targets.Capacity);
        var self = new double[n];
        var strength = new double[n];
        var total = 0.0;
        for (var v = 0; v < n; v++)
        {
            offsets[v] = targets.Count;
            var row = g.OutNeighbors(v);
            var rowWeights = useWeights ? g.OutEdgeWeights(v) : default;
            for (var i = 0; i < row.Length; i++)
            {
                var w = row[i];
                var weight = rowWeights.IsEmpty ? 1.0 : rowWeights[i];
                if (w == v)
                {
                    self[v] += weight;
                    strength[v] += 2 * weight;
                    total += weight;
                    continue;
                }

                targets.Add(w);
                weights.Add(weight);
                strength[v] += weight;
                if (w > v)
                {
                    total += weight;
                }
            }
        }

        offsets[n] = targets.Count;
        return new LevelGraph { NodeCount = n, Offsets = offsets, Targets = [.. targets], Weights = [.. weights], Self = self, Strength = strength, TotalWeight = total };
    }

    public LevelGraph Aggregate(int[] community, int count)
    {
        var self = new double[count];
        var strength = new double[count];
        // Group nodes by community (counting sort), then merge each community's rows with a marker array.
        var start = new int[count + 1];
        foreach (var c in community)
        {
            start[c + 1]++;
        }

        for (var c = 0; c < count; c++)
        {
            start[c + 1] += start[c];
        }

        var members = new int[NodeCount];
        var fill = (int[])start.Clone();
        for (var i = 0; i < NodeCount; i++)
        {
            members[fill[community[i]]++] = i;
        }

        var offsets = new int[count + 1];
        var targets = new List<int>();
        var weights = new List<double>();
        var position = new int[count];
        Array.Fill(position, -1);
        for (var c = 0; c < count; c++)
        {
            offsets[c] = targets.Count;
            var rowStart = targets.Count;
            for (var k = start[c]; k < start[c + 1]; k++)
            {
                var i = members[k];
                self[c] += Self[i];
                strength[c] += Strength[i];
                for (var e = Offsets[i]; e < Offsets[i + 1]; e++)
                {
                    var d = community[Targets[e]];
                    if (d == c)
                    {
                        // Each internal edge is seen from both ends.
                        self[c] += Weights[e] / 2;
                        continue;
                    }

                    if (position[d] < rowStart)
                    {
                        position[d] = targets.Count;
                        targets.Add(d);
                        weights.Add(Weights[e]);
                    }
                    else
                    {
                        weights[position[d]] += Weights[e];
                    }
                }
            }
        }

        offsets[count] = targets.Count;
        return new LevelGraph { NodeCount = count, Offsets = offsets, Targets = [.. targets], Weights = [.. weights], Self = self, Strength = strength, TotalWeight = TotalWeight };
    }
}
