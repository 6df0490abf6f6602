namespace SoMeScholar.Graph.Generators;

public sealed record PreferentialAttachmentOptions
{
    /// <summary>Number of nodes.</summary>
    public int Nodes { get; init; } = 1000;

    /// <summary>Edges each new node sends to earlier nodes.</summary>
    public int EdgesPerNode { get; init; } = 8;

    /// <summary>Probability that a followed node follows back.</summary>
    public double FollowBack { get; init; } = 0.25;

    public ulong Seed { get; init; } = 1;
}

/// <summary>
/// Directed scale-free graphs by Price's model, the shape of a follower network: each new node follows
/// <see cref="PreferentialAttachmentOptions.EdgesPerNode"/> distinct earlier nodes chosen with probability proportional to
/// in-degree + 1, and each followed node follows back with probability <see cref="PreferentialAttachmentOptions.FollowBack"/>.
/// Seeded and deterministic; node ids are "0".."n−1". Used for tests and the large-graph benchmarks.
/// </summary>
/// <remarks>
/// Reference: D. J. de S. Price, A general theory of bibliometric and other cumulative advantage processes, Journal of the
/// American Society for Information Science 27 (1976) 292–306, https://doi.org/10.1002/asi.4630270505.
/// Complexity: O(n·k) expected time and memory.
/// </remarks>
public static class PreferentialAttachment
{
    public static CsrGraph Generate(PreferentialAttachmentOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Nodes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.EdgesPerNode);
        var n = options.Nodes;
        var k = options.EdgesPerNode;
        var random = new SplitMix64(options.Seed);
        var builder = new GraphBuilder(directed: true);
        for (var v = 0; v < n; v++)
        {
            builder.AddNode(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Urn: every node once (the +1) and once per edge it receives; drawing from it is drawing ∝ in-degree + 1.
        var urn = new int[n + ((long)n * k * 2 > int.MaxValue ? int.MaxValue - n : n * k * 2)];
        var urnSize = 0;
        var chosen = new int[k];
        for (var v = 0; v < n; v++)
        {
            var picks = Math.Min(k, v);
            var count = 0;
            while (count < picks)
            {
                var target = urn[random.NextInt(urnSize)];
                var duplicate = false;
                for (var i = 0; i < count; i++)
                {
                    duplicate |= chosen[i] == target;
                }

                if (!duplicate)
                {
                    chosen[count++] = target;
                }
            }

            for (var i = 0; i < count; i++)
            {
                var target = chosen[i];
                builder.AddEdge(v, target);
                if (urnSize < urn.Length)
                {
                    urn[urnSize++] = target;
                }

                if (random.NextDouble() < options.FollowBack)
                {
                    builder.AddEdge(target, v);
                    if (urnSize < urn.Length)
                    {
                        urn[urnSize++] = v;
                    }
                }
            }

            if (urnSize < urn.Length)
            {
                urn[urnSize++] = v;
            }
        }

        return builder.Build();
    }
}
