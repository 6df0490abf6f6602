namespace SoMeScholar.Graph.Components;

/// <summary>
/// Strongly connected components.
/// </summary>
/// <remarks>
/// <para><b>Definition.</b> Maximal sets of nodes in which every node reaches every other along directed paths. In an
/// undirected graph they are the connected components.</para>
/// <para><b>Algorithm.</b> Tarjan's algorithm with an explicit call stack (no recursion, so a path of a million nodes does
/// not overflow the thread's stack). Components are renumbered by their lowest node index.</para>
/// <para><b>Reference.</b> R. Tarjan, Depth-first search and linear graph algorithms, SIAM Journal on Computing 1 (1972)
/// 146–160, https://doi.org/10.1137/0201010.</para>
/// <para><b>Complexity.</b> O(n + m) time, O(n) memory.</para>
/// </remarks>
public static class StronglyConnectedComponents
{
    public static ComponentAssignment Compute(CsrGraph graph, CancellationToken cancellationToken = default)
    {
        if (!graph.IsDirected)
        {
            return WeaklyConnectedComponents.Compute(graph, cancellationToken);
        }

        var n = graph.NodeCount;
        var offsets = graph.OutOffsetsArray;
        var targets = graph.OutTargetsArray;
        var index = new int[n];
        Array.Fill(index, -1);
        var low = new int[n];
        var label = new int[n];
        var onStack = new bool[n];
        var stack = new int[n];
        var stackSize = 0;
        var callNode = new int[n];
        var callEdge = new int[n];
        var depth = 0;
        var counter = 0;
        var components = 0;
        for (var root = 0; root < n; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            if ((root & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Visit root.
            index[root] = low[root] = counter++;
            stack[stackSize++] = root;
            onStack[root] = true;
            callNode[0] = root;
            callEdge[0] = offsets[root];
            depth = 1;
            while (depth > 0)
            {
                var v = callNode[depth - 1];
                var e = callEdge[depth - 1];
                if (e < offsets[v + 1])
                {
                    callEdge[depth - 1] = e + 1;
                    var w = targets[e];
                    if (index[w] < 0)
                    {
                        index[w] = low[w] = counter++;
                        stack[stackSize++] = w;
                        onStack[w] = true;
                        callNode[depth] = w;
                        callEdge[depth] = offsets[w];
                        depth++;
                    }
                    else if (onStack[w] && index[w] < low[v])
                    {
                        low[v] = index[w];
                    }

                    continue;
                }

                // v is finished.
                if (low[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = stack[--stackSize];
                        onStack[w] = false;
                        label[w] = components;
                    }
                    while (w != v);
                    components++;
                }

                depth--;
                if (depth > 0)
                {
                    var parent = callNode[depth - 1];
                    if (low[v] < low[parent])
                    {
                        low[parent] = low[v];
                    }
                }
            }
        }

        return ComponentAssignment.Canonical(label);
    }
}
