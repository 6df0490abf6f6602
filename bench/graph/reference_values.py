#!/usr/bin/python3
"""Prints the reference values committed in tests/SoMeScholar.Graph.Tests, computed with Debian's python3-networkx.

Run: /usr/bin/python3 bench/graph/reference_values.py [../shared/graphs]
The tests cite this script as the provenance of values marked "networkx 2.8.8". Values published in networkx's own test
files are cited to those files instead.
"""
import gzip
import os
import sys

import networkx as nx

GRAPHS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "graphs")


def read(name, directed):
    G = nx.DiGraph() if directed else nx.Graph()
    with gzip.open(os.path.join(GRAPHS, name + ".edges.gz"), "rt") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and not line.startswith("#"):
                G.add_edge(parts[0], parts[1])
    return G


def show(title, values, nodes):
    print(f"# {title}")
    print(", ".join(f'["{n}"] = {values[n]!r}' for n in nodes))


print("networkx", nx.__version__)
K = read("nx-karate_club", False)
nodes = sorted(K, key=int)
show("karate eigenvector", nx.eigenvector_centrality(K), nodes)
show("karate pagerank", nx.pagerank(K), nodes)
show("karate betweenness normalized", nx.betweenness_centrality(K), nodes)
show("karate closeness", nx.closeness_centrality(K), nodes)
show("karate clustering", nx.clustering(K), nodes)
show("karate core", nx.core_number(K), nodes)
print("# karate average clustering", nx.average_clustering(K))

P = read("gt-polblogs", True)
sample = ["0", "1", "12", "55", "155", "641", "1051", "1112", "1245", "1489"]
sample = [s for s in sample if s in P]
show("polblogs in-edge eigenvector", nx.eigenvector_centrality(P, max_iter=1000), sample)
show("polblogs pagerank", nx.pagerank(P), sample)
show("polblogs betweenness normalized", nx.betweenness_centrality(P), sample)
show("polblogs closeness (incoming, wf_improved)", nx.closeness_centrality(P), sample)
show("polblogs clustering (directed)", nx.clustering(P), sample)
Q = P.copy()
Q.remove_edges_from(nx.selfloop_edges(Q))  # networkx refuses self-loops in core_number; SoMeScholar ignores them
show("polblogs core number (self-loops removed)", nx.core_number(Q), sample)
print("# polblogs self-loops", nx.number_of_selfloops(P))
print("# polblogs nodes", P.number_of_nodes(), "edges", P.number_of_edges(),
      "wcc", nx.number_weakly_connected_components(P), "scc", nx.number_strongly_connected_components(P),
      "largest scc", max(len(c) for c in nx.strongly_connected_components(P)))

KC = nx.karate_club_graph()
hi = {n for n in KC if KC.nodes[n]["club"] == "Mr. Hi"}
print("# karate 'Mr. Hi' club", sorted(hi))
print("# karate faction modularity (unweighted)", nx.community.modularity(KC, [hi, set(KC) - hi], weight=None))
