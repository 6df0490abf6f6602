namespace SoMeScholar.Graph.Components;

/// <summary>
/// Weakly connected components (connected components when undirected).
/// </summary>
/// <remarks>
/// <para><b>Definition.</b> Maximal sets of nodes joined by paths when edge directions are ignored.</para>
/// <para><b>Reference.</b> J. Hopcroft, R. Tarjan, Algorithm 447: efficient algorithms for graph manipulation,
/// Communications of the ACM 16 (1973) 372–378, https://doi.org/10.1145/362248.362272.</para>
/// <para><b>Complexity.</b> O(n + m) time, O(n) memory; an explicit queue (no recursion), so graphs of any size work.</para>
/// </remarks>
public static class WeaklyConnectedComponents
{
    public static ComponentAssignment Compute(CsrGraph graph, CancellationToken cancellationToken = default)
    {
        var n = graph.NodeCount;
        var membership = new int[n];
        Array.Fill(membership, -1);
        var queue = new int[n];
        var count = 0;
        var outOffsets = graph.OutOffsetsArray;
        var outTargets = graph.OutTargetsArray;
        var inOffsets = graph.InOffsetsArray;
        var inSources = graph.InSourcesArray;
        for (var root = 0; root < n; root++)
        {
            if (membership[root] >= 0)
            {
                continue;
            }

            if ((count & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            membership[root] = count;
            queue[0] = root;
            int head = 0, tail = 1;
            while (head < tail)
            {
                var v = queue[head++];
                for (var e = outOffsets[v]; e < outOffsets[v + 1]; e++)
                {
                    var w = outTargets[e];
                    if (membership[w] < 0)
                    {
                        membership[w] = count;
                        queue[tail++] = w;
                    }
                }

                if (graph.IsDirected)
                {
                    for (var e = inOffsets[v]; e < inOffsets[v + 1]; e++)
                    {
                        var w = inSources[e];
                        if (membership[w] < 0)
                        {
                            membership[w] = count;
                            queue[tail++] = w;
                        }
                    }
                }
            }

            count++;
        }

        return new ComponentAssignment(membership, count);
    }
}
