namespace SoMeScholar.Graph.Layout;

/// <summary>Settings of <see cref="ForceAtlas2"/>; the defaults are Gephi's.</summary>
public sealed record ForceAtlas2Options
{
    /// <summary>Iterations of the force simulation.</summary>
    public int Iterations { get; init; } = 150;

    /// <summary>k_r, the strength of repulsion; null: Gephi's default, 2 under 100 nodes and 10 from 100 on.</summary>
    public double? ScalingRatio { get; init; }

    /// <summary>k_g, the pull of every node towards the centre (keeps components together).</summary>
    public double Gravity { get; init; } = 1.0;

    /// <summary>τ, how much a node may swing before its speed is reduced.</summary>
    public double JitterTolerance { get; init; } = 1.0;

    /// <summary>θ of the Barnes–Hut approximation of repulsion (0 = exact, O(n²) per iteration).</summary>
    public double BarnesHutTheta { get; init; } = 1.2;

    /// <summary>Attraction along an edge proportional to its weight (weighted graphs only).</summary>
    public bool UseWeights { get; init; } = true;

    /// <summary>Seed of the initial positions; the same seed gives the same layout.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Threads for the repulsion step (default: all processors). The layout does not depend on it.</summary>
    public int? MaxThreads { get; init; }
}

/// <summary>Node coordinates of a layout, by dense node index.</summary>
public sealed class GraphLayout(double[] x, double[] y)
{
    public int Count => x.Length;

    public ReadOnlySpan<double> X => x;

    public ReadOnlySpan<double> Y => y;

    public (double X, double Y) this[int node] => (x[node], y[node]);
}

/// <summary>
/// ForceAtlas2, the force-directed layout of Gephi (Jacomy, Venturini, Heymann and Bastian, "ForceAtlas2, a continuous
/// graph layout algorithm for handy network visualization designed for the Gephi software", PLoS ONE 9(6): e98679,
/// 2014). Nodes repel each other in proportion to their masses (degree + 1) over their distance,
/// F_r = k_r (deg u + 1)(deg v + 1) / d; edges attract their ends linearly, F_a = w d; gravity pulls every node towards
/// the origin with k_g (deg + 1); each step moves a node by its force times a speed set from the graph's global
/// swinging and traction and damped by the node's own swinging (the paper's adaptive speed, section "Adaptive speed").
/// Edge direction is ignored. Repulsion uses a Barnes–Hut quadtree (θ = 1.2), so an iteration costs O(n log n + m).
/// Deterministic: initial positions come from the seed and the result does not depend on the thread count.
/// Communities come out as visible clusters because of the attraction/repulsion balance (Noack's energy models).
/// </summary>
public static class ForceAtlas2
{
    public static GraphLayout Compute(CsrGraph graph, ForceAtlas2Options? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ForceAtlas2Options();
        var n = graph.NodeCount;
        var x = new double[n];
        var y = new double[n];
        if (n == 0)
        {
            return new GraphLayout(x, y);
        }

        var mass = new double[n];
        for (var v = 0; v < n; v++)
        {
            mass[v] = 1 + graph.OutDegree(v) + (graph.IsDirected ? graph.InDegree(v) : 0);
        }

        // Random initial positions in a square that grows with √n (the seed fixes them).
        var random = new SplitMix64(options.Seed);
        var side = 10 * Math.Sqrt(n);
        for (var v = 0; v < n; v++)
        {
            x[v] = (random.NextDouble() - 0.5) * side;
            y[v] = (random.NextDouble() - 0.5) * side;
        }

        var scaling = options.ScalingRatio ?? (n < 100 ? 2.0 : 10.0);
        var fx = new double[n];
        var fy = new double[n];
        var oldFx = new double[n];
        var oldFy = new double[n];
        var speed = 1.0;
        var speedEfficiency = 1.0;
        var weighted = options.UseWeights && graph.IsWeighted;
        var tree = new QuadTree(n);
        for (var iteration = 0; iteration < options.Iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (oldFx, fx) = (fx, oldFx);
            (oldFy, fy) = (fy, oldFy);
            Array.Clear(fx);
            Array.Clear(fy);

            // Repulsion (each node's force read from the tree built for this iteration: order-independent).
            tree.Build(x, y, mass);
            Parallelism.ForRanges(n, options.MaxThreads, (start, end) =>
            {
                for (var v = start; v < end; v++)
                {
                    var (rx, ry) = options.BarnesHutTheta > 0 ? tree.Repulsion(v, x, y, mass, scaling, options.BarnesHutTheta) : ExactRepulsion(v, x, y, mass, scaling);
                    fx[v] = rx;
                    fy[v] = ry;
                }
            }, cancellationToken);

            // Gravity towards the origin, k_g · mass, whatever the distance.
            for (var v = 0; v < n; v++)
            {
                var distance = Math.Sqrt(x[v] * x[v] + y[v] * y[v]);
                if (distance > 0)
                {
                    var factor = options.Gravity * mass[v] / distance;
                    fx[v] -= x[v] * factor;
                    fy[v] -= y[v] * factor;
                }
            }

            // Linear attraction along every edge (each undirected edge once).
            for (var u = 0; u < n; u++)
            {
                var targets = graph.OutNeighbors(u);
                var weights = weighted ? graph.OutEdgeWeights(u) : default;
                for (var i = 0; i < targets.Length; i++)
                {
                    var t = targets[i];
                    if (t == u || (!graph.IsDirected && t < u))
                    {
                        continue;
                    }

                    var w = weighted ? weights[i] : 1.0;
                    var dx = x[u] - x[t];
                    var dy = y[u] - y[t];
                    fx[u] -= dx * w;
                    fy[u] -= dy * w;
                    fx[t] += dx * w;
                    fy[t] += dy * w;
                }
            }

            // Adaptive speed (global swinging and traction; the paper's equations and Gephi's tuning of them).
            double swinging = 0, traction = 0;
            for (var v = 0; v < n; v++)
            {
                var sx = fx[v] - oldFx[v];
                var sy = fy[v] - oldFy[v];
                swinging += mass[v] * Math.Sqrt(sx * sx + sy * sy);
                var tx = fx[v] + oldFx[v];
                var ty = fy[v] + oldFy[v];
                traction += mass[v] * Math.Sqrt(tx * tx + ty * ty) / 2;
            }

            if (swinging > 0 && traction > 0)
            {
                var estimatedJitter = 0.05 * Math.Sqrt(n);
                var jitter = options.JitterTolerance * Math.Max(Math.Sqrt(estimatedJitter), Math.Min(10, estimatedJitter * traction / ((double)n * n)));
                if (swinging / traction > 2)
                {
                    speedEfficiency = Math.Max(0.05, speedEfficiency * 0.5);
                    jitter = Math.Max(jitter, options.JitterTolerance);
                }

                var target = jitter * speedEfficiency * traction / swinging;
                if (swinging > jitter * traction)
                {
                    speedEfficiency = Math.Max(0.05, speedEfficiency * 0.7);
                }
                else if (speed < 1000)
                {
                    speedEfficiency *= 1.3;
                }

                speed += Math.Min(target - speed, 0.5 * speed);
            }

            for (var v = 0; v < n; v++)
            {
                var sx = fx[v] - oldFx[v];
                var sy = fy[v] - oldFy[v];
                var nodeSwinging = mass[v] * Math.Sqrt(sx * sx + sy * sy);
                var factor = speed / (1 + Math.Sqrt(speed * nodeSwinging));
                x[v] += fx[v] * factor;
                y[v] += fy[v] * factor;
            }
        }

        return new GraphLayout(x, y);
    }

    private static (double X, double Y) ExactRepulsion(int v, double[] x, double[] y, double[] mass, double scaling)
    {
        double rx = 0, ry = 0;
        for (var u = 0; u < x.Length; u++)
        {
            if (u == v)
            {
                continue;
            }

            var dx = x[v] - x[u];
            var dy = y[v] - y[u];
            var d2 = dx * dx + dy * dy;
            if (d2 > 0)
            {
                var factor = scaling * mass[v] * mass[u] / d2;
                rx += dx * factor;
                ry += dy * factor;
            }
        }

        return (rx, ry);
    }

    /// <summary>
    /// A Barnes–Hut quadtree over the nodes, in flat arrays: each cell holds its total mass and centre of mass; a leaf
    /// holds one node. Far cells (cell size / distance &lt; θ) act as one body of their mass at their centre.
    /// </summary>
    private sealed class QuadTree(int n)
    {
        private const int MaxDepth = 48;
        private Cell[] _cells = new Cell[2 * n + 1];
        private int _cellCount;
        private readonly int[] _order = new int[n];

        private struct Cell
        {
            public double CenterX, CenterY, Mass, Size;
            public int FirstChild; // −1: a leaf
            public int ChildCount;
            public int Body;       // the node of a single-node leaf, else −1
        }

        public void Build(double[] x, double[] y, double[] mass)
        {
            _cellCount = 0;
            double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
            for (var v = 0; v < _order.Length; v++)
            {
                _order[v] = v;
                minX = Math.Min(minX, x[v]);
                minY = Math.Min(minY, y[v]);
                maxX = Math.Max(maxX, x[v]);
                maxY = Math.Max(maxY, y[v]);
            }

            var size = Math.Max(maxX - minX, maxY - minY) + 1e-9;
            Reserve(1);
            Fill(0, 0, _order.Length, minX, minY, size, 0, x, y, mass);
        }

        /// <summary>Fills cell <paramref name="index"/> with the nodes _order[start..end) inside the square at (left, top).</summary>
        private void Fill(int index, int start, int end, double left, double top, double size, int depth, double[] x, double[] y, double[] mass)
        {
            double m = 0, cx = 0, cy = 0;
            for (var i = start; i < end; i++)
            {
                var v = _order[i];
                m += mass[v];
                cx += x[v] * mass[v];
                cy += y[v] * mass[v];
            }

            var cell = new Cell { Mass = m, CenterX = cx / m, CenterY = cy / m, Size = size, FirstChild = -1, Body = end - start == 1 ? _order[start] : -1 };
            if (end - start <= 1 || depth >= MaxDepth)
            {
                _cells[index] = cell;
                return;
            }

            // Partition into the four quadrants in place: first by x (west | east), then each half by y.
            var half = size / 2;
            var midX = left + half;
            var midY = top + half;
            var split = Partition(start, end, x, midX);
            var splitWest = Partition(start, split, y, midY);
            var splitEast = Partition(split, end, y, midY);
            ReadOnlySpan<(int Start, int End, double Left, double Top)> quadrants =
            [
                (start, splitWest, left, top), (splitWest, split, left, midY),
                (split, splitEast, midX, top), (splitEast, end, midX, midY),
            ];
            var count = 0;
            foreach (var q in quadrants)
            {
                if (q.End > q.Start)
                {
                    count++;
                }
            }

            cell.FirstChild = Reserve(count);
            cell.ChildCount = count;
            _cells[index] = cell;

            var child = cell.FirstChild;
            foreach (var q in quadrants)
            {
                if (q.End > q.Start)
                {
                    Fill(child++, q.Start, q.End, q.Left, q.Top, half, depth + 1, x, y, mass);
                }
            }
        }

        /// <summary>Appends <paramref name="count"/> empty cells and returns the first one's index.</summary>
        private int Reserve(int count)
        {
            if (_cellCount + count > _cells.Length)
            {
                Array.Resize(ref _cells, Math.Max(_cells.Length * 2, _cellCount + count));
            }

            var first = _cellCount;
            _cellCount += count;
            return first;
        }

        /// <summary>Moves the nodes whose coordinate is below <paramref name="middle"/> to the front of the range.</summary>
        private int Partition(int start, int end, double[] coordinate, double middle)
        {
            var i = start;
            for (var j = start; j < end; j++)
            {
                if (coordinate[_order[j]] < middle)
                {
                    (_order[i], _order[j]) = (_order[j], _order[i]);
                    i++;
                }
            }

            return i;
        }

        public (double X, double Y) Repulsion(int v, double[] x, double[] y, double[] mass, double scaling, double theta)
        {
            double rx = 0, ry = 0;
            Span<int> stack = stackalloc int[4 * MaxDepth + 8];
            var top = 0;
            stack[top++] = 0;
            while (top > 0)
            {
                ref readonly var cell = ref _cells[stack[--top]];
                if (cell.Body == v)
                {
                    continue;
                }

                var dx = x[v] - cell.CenterX;
                var dy = y[v] - cell.CenterY;
                var d2 = dx * dx + dy * dy;
                if (cell.FirstChild < 0 || cell.Size * cell.Size < theta * theta * d2)
                {
                    // A single node, or a far cell acting as one body (a leaf at the depth limit holds nodes at
                    // practically the same point; at zero distance there is no direction to push in).
                    if (d2 > 0)
                    {
                        var factor = scaling * mass[v] * cell.Mass / d2;
                        rx += dx * factor;
                        ry += dy * factor;
                    }

                    continue;
                }

                for (var c = 0; c < cell.ChildCount; c++)
                {
                    stack[top++] = cell.FirstChild + c;
                }
            }

            return (rx, ry);
        }
    }
}
