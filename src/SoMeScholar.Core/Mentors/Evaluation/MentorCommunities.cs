namespace SoMeScholar.Core.Mentors.Evaluation;

/// <summary>
/// Communities of a network for the recommender's "same community" evidence and the same-community baseline:
/// weighted label propagation on the undirected view (each node, in a seeded order, takes the label with the largest
/// total edge weight among its neighbours, ties to the smallest label; until no label changes or 50 rounds).
/// </summary>
public static class MentorCommunities
{
    public static int[] Detect(int nodes, IEnumerable<(int A, int B, double Weight)> edges, ulong seed)
    {
        var adjacency = new List<(int Node, double Weight)>[nodes];
        for (var v = 0; v < nodes; v++)
        {
            adjacency[v] = [];
        }

        foreach (var (a, b, w) in edges)
        {
            if (a != b)
            {
                adjacency[a].Add((b, w));
                adjacency[b].Add((a, w));
            }
        }

        var labels = new int[nodes];
        for (var v = 0; v < nodes; v++)
        {
            labels[v] = v;
        }

        var order = Enumerable.Range(0, nodes).ToArray();
        new Random(unchecked((int)seed)).Shuffle(order);
        var totals = new Dictionary<int, double>();
        for (var round = 0; round < 50; round++)
        {
            var changed = 0;
            foreach (var v in order)
            {
                if (adjacency[v].Count == 0)
                {
                    continue;
                }

                totals.Clear();
                foreach (var (u, w) in adjacency[v])
                {
                    totals[labels[u]] = totals.GetValueOrDefault(labels[u]) + w;
                }

                var best = labels[v];
                var bestWeight = totals.GetValueOrDefault(best);
                foreach (var (label, weight) in totals)
                {
                    if (weight > bestWeight || (weight == bestWeight && label < best))
                    {
                        best = label;
                        bestWeight = weight;
                    }
                }

                if (best != labels[v])
                {
                    labels[v] = best;
                    changed++;
                }
            }

            if (changed == 0)
            {
                break;
            }
        }

        // Renumber 0..k-1 in order of first node.
        var map = new Dictionary<int, int>();
        for (var v = 0; v < nodes; v++)
        {
            if (!map.TryGetValue(labels[v], out var c))
            {
                c = map.Count;
                map[labels[v]] = c;
            }

            labels[v] = c;
        }

        return labels;
    }
}
