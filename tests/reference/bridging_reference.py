"""Expected values for tests/engine/bridging/{cut_points,mixing}_test.cpp,
from networkx. Prints C++ initialisers to paste into the tests:

    python3 tests/reference/bridging_reference.py

Graphs (node ids 0..n-1; the printed edge lists are the tests' inputs):
  hand       the cut_points hand-drawn graph: two triangles 0-1-2 and 3-4-5
             joined by 2-3, pendant 5-6, self-loop 0-0, isolated 7
  karate     nx.karate_club_graph(), group 0 = "Mr. Hi", 1 = "Officer"
  loops      nx.gnm_random_graph(25, 40, seed=5) plus self-loops 0-0, 7-7;
             group(v) = (7 v) mod 4
  directed   nx.gnm_random_graph(20, 50, seed=3, directed=True) plus the
             self-loop 4->4; group(v) = v mod 3
Values:
  nx.bridges, nx.articulation_points                         (hand)
  nx.attribute_assortativity_coefficient(G, "group")          (all but hand)
  nx.attribute_mixing_matrix(G, "group", mapping=identity, normalized=False)
                                                              (loops, directed)
"""

import networkx as nx


def edges_cpp(g):
    return "{" + ", ".join(f"{{{u}, {v}}}" for u, v in g.edges()) + "}"


def graphs():
    k = nx.karate_club_graph()
    karate = nx.Graph()
    karate.add_nodes_from(k.nodes)
    karate.add_edges_from(k.edges)
    for v in karate:
        karate.nodes[v]["group"] = 0 if k.nodes[v]["club"] == "Mr. Hi" else 1

    loops = nx.gnm_random_graph(25, 40, seed=5)
    loops.add_edges_from([(0, 0), (7, 7)])
    for v in loops:
        loops.nodes[v]["group"] = (7 * v) % 4

    directed = nx.gnm_random_graph(20, 50, seed=3, directed=True)
    directed.add_edge(4, 4)
    for v in directed:
        directed.nodes[v]["group"] = v % 3
    return {"karate": (karate, 2), "loops": (loops, 4), "directed": (directed, 3)}


def main():
    hand = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (5, 6), (0, 0)])
    hand.add_node(7)
    print("hand bridges", sorted(tuple(sorted(e)) for e in nx.bridges(hand)))
    print("hand articulation_points", sorted(nx.articulation_points(hand)))
    for name, (g, groups) in graphs().items():
        print(f"// {name}: n = {g.number_of_nodes()}, directed = {g.is_directed()}")
        print(f"edges {edges_cpp(g)}")
        print(f"group {{{', '.join(str(g.nodes[v]['group']) for v in sorted(g))}}}")
        r = nx.attribute_assortativity_coefficient(g, "group")
        print(f"assortativity {r!r}")
        m = nx.attribute_mixing_matrix(g, "group", mapping={i: i for i in range(groups)}, normalized=False)
        print("mixing {" + ", ".join(str(int(x)) for x in m.flatten()) + "}")


if __name__ == "__main__":
    main()
