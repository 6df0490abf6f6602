#!/usr/bin/python3
"""One peer measurement for `./bench.sh graph-peers`: load an edge list, compute one measure, write the scores.

Usage: /usr/bin/python3 peers.py TOOL MEASURE EDGES.gz directed|undirected OUTPUT THREADS
TOOL is networkx, igraph or graph-tool. OUTPUT gets one "id value" line per node, in networkx's semantics where the
tools differ only in scale (betweenness normalised by the pair count, eigenvector scaled to unit L2 norm). Lines
"RESULT key=value" on stdout carry scalars (compute_seconds, modularity, count, largest, converged).
The harness measures the whole process (wall time, peak RSS) around this script.
"""
import gzip
import math
import os
import sys
import time
import warnings

tool, measure, path, direction, output, threads = sys.argv[1:7]
directed = direction == "directed"
os.environ.setdefault("OMP_NUM_THREADS", threads)


def int_edges(path):
    """Edge list as an (m, 2) int64 array (the shared graphs hold integer ids, one pair per line, no comments)."""
    import numpy as np
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        flat = np.fromstring(data, dtype=np.int64, sep=" ")
    return flat.reshape(-1, 2)


def result(key, value):
    print(f"RESULT {key}={value}", flush=True)


def write(ids, values):
    with open(output, "w") as f:
        for i, v in zip(ids, values):
            f.write(f"{i} {float(v)!r}\n")


def l2(values):
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [v / norm for v in values]


def run_networkx():
    import networkx as nx
    G = nx.read_edgelist(path, create_using=nx.DiGraph if directed else nx.Graph, nodetype=str)
    n = G.number_of_nodes()
    start = time.perf_counter()
    extra = {}
    if measure == "pagerank":
        s = nx.pagerank(G)
    elif measure == "eigenvector":
        try:
            s = nx.eigenvector_centrality(G, max_iter=1000)
        except nx.PowerIterationFailedConvergence:
            extra["converged"] = False
            s = {v: 0.0 for v in G}
    elif measure == "betweenness":
        s = nx.betweenness_centrality(G)
    elif measure == "closeness":
        s = nx.closeness_centrality(G)
    elif measure == "kcore":
        G.remove_edges_from(list(nx.selfloop_edges(G)))
        s = nx.core_number(G)
    elif measure == "clustering":
        s = nx.clustering(G)
    elif measure in ("wcc", "scc"):
        if measure == "scc" and directed:
            comps = list(nx.strongly_connected_components(G))
        elif directed:
            comps = list(nx.weakly_connected_components(G))
        else:
            comps = list(nx.connected_components(G))
        extra["count"] = len(comps)
        extra["largest"] = max(len(c) for c in comps)
        s = None
    elif measure == "louvain":
        U = G.to_undirected() if directed else G
        comms = nx.community.louvain_communities(U, seed=42)
        extra["modularity"] = nx.community.modularity(U, comms)
        extra["count"] = len(comms)
        s = None
    else:
        raise SystemExit(f"unknown measure {measure}")
    result("compute_seconds", time.perf_counter() - start)
    for k, v in extra.items():
        result(k, v)
    if s is not None:
        ids = list(G)
        values = [s[v] for v in ids]
        if measure == "eigenvector":
            values = l2(values)
        write(ids, values)


def igraph_graph():
    import igraph as ig
    import numpy as np
    edges = int_edges(path)
    ids, inverse = np.unique(edges, return_inverse=True)
    g = ig.Graph(n=len(ids), edges=inverse.reshape(-1, 2).tolist(), directed=directed)
    # networkx semantics: collapse repeated edges (self-loops are kept, as networkx keeps them).
    g.simplify(multiple=True, loops=False)
    return g, ids


def run_igraph():
    g, ids = igraph_graph()
    n = g.vcount()
    start = time.perf_counter()
    extra = {}
    values = None
    if measure == "pagerank":
        values = g.pagerank(directed=directed)
    elif measure == "eigenvector":
        values = l2(g.eigenvector_centrality(directed=directed, scale=True))
    elif measure == "betweenness":
        raw = g.betweenness(directed=directed)
        scale = 1.0 / ((n - 1) * (n - 2)) if directed else 2.0 / ((n - 1) * (n - 2))
        values = [b * scale for b in raw]
    elif measure == "closeness":
        # igraph 0.10: (reached − 1)/Σd over reachable vertices; networkx's wf_improved also multiplies by (r−1)/(n−1).
        values = [0.0 if math.isnan(c) else c for c in g.closeness(mode="in" if directed else "all")]
    elif measure == "kcore":
        # networkx refuses self-loops and SoMeScholar ignores them; igraph would count them in the degree.
        values = g.simplify(multiple=True, loops=True).coreness(mode="all")
    elif measure == "clustering":
        values = g.transitivity_local_undirected(mode="zero")
    elif measure in ("wcc", "scc"):
        comps = g.connected_components(mode="strong" if measure == "scc" else "weak")
        extra["count"] = len(comps)
        extra["largest"] = max(comps.sizes())
    elif measure == "louvain":
        u = g.as_undirected(mode="collapse") if directed else g
        comms = u.community_multilevel()
        extra["modularity"] = u.modularity(comms)
        extra["count"] = len(comms)
    elif measure == "leiden":
        u = g.as_undirected(mode="collapse") if directed else g
        comms = u.community_leiden(objective_function="modularity", n_iterations=2)
        extra["modularity"] = u.modularity(comms)
        extra["count"] = len(comms)
    else:
        raise SystemExit(f"unknown measure {measure}")
    result("compute_seconds", time.perf_counter() - start)
    for k, v in extra.items():
        result(k, v)
    if values is not None:
        write(ids, values)


def run_graph_tool():
    import graph_tool.all as gt
    import numpy as np
    gt.openmp_set_num_threads(int(threads))
    edges = int_edges(path)
    g = gt.Graph(directed=directed)
    names = g.add_edge_list(edges, hashed=True)
    gt.remove_parallel_edges(g)
    n = g.num_vertices()
    ids = [int(names[v]) for v in g.vertices()]
    start = time.perf_counter()
    extra = {}
    values = None
    if measure == "pagerank":
        values = gt.pagerank(g).a
    elif measure == "eigenvector":
        _, x = gt.eigenvector(g, max_iter=1000)
        values = l2(list(x.a))
    elif measure == "betweenness":
        vb, _ = gt.betweenness(g, norm=False)
        # graph-tool's raw undirected betweenness counts each unordered pair once, like igraph's.
        scale = 1.0 / ((n - 1) * (n - 2)) if directed else 2.0 / ((n - 1) * (n - 2))
        values = [b * scale for b in vb.a]
    elif measure == "closeness":
        r = gt.GraphView(g, reversed=True) if directed else g
        c = gt.closeness(r)
        values = [0.0 if math.isnan(x) else x for x in c.a]
    elif measure == "kcore":
        gt.remove_self_loops(g)
        values = gt.kcore_decomposition(g).a
    elif measure == "clustering":
        values = gt.local_clustering(g).a
    elif measure in ("wcc", "scc"):
        comp, hist = gt.label_components(g, directed=(measure == "scc" and directed))
        extra["count"] = len(hist)
        extra["largest"] = int(max(hist))
    else:
        raise SystemExit(f"graph-tool has no {measure}")
    result("compute_seconds", time.perf_counter() - start)
    for k, v in extra.items():
        result(k, v)
    if values is not None:
        write(ids, values)


{"networkx": run_networkx, "igraph": run_igraph, "graph-tool": run_graph_tool}[tool]()
