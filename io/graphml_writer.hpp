// GraphML for Gephi (and networkx, igraph, yEd), valid against the GraphML
// 1.0 schema.
//
// Every attribute is declared as a typed <key> with for="node" or
// for="edge" (Gephi drops for="all" edge values); key ids are n0.. and e0..
// (never d3/d7, which Gephi reads as labels). Node columns: the actor table's
// columns kept by ExportOptions (label, role, site, ...; types inferred),
// then the measures. Edge columns: weight (double), count (long), first_seen
// and last_seen (ISO 8601 strings, UTC), kinds (string, ';'-separated,
// sorted), then any extra tie columns (tie betweenness; double, keys e5..).
// Node ids and attr.name values are NMTOKENs: characters outside
// it are encoded as _xHHHH_ (graphml_id()). All text is XML-escaped
// and characters XML 1.0 forbids are replaced with U+FFFD (xml_text.hpp).
// Written atomically.
#pragma once
#include <string>

#include "io/node_measures.hpp"
#include "movemap/network.hpp"

namespace movemap {

void write_graphml(const std::string& path, const Network& net, const NodeMeasures& measures,
                   const ExportOptions& options, const TieColumns& tie_columns = {});
// The GraphML node id of an actor id, and back.
std::string graphml_id(std::string_view actor_id);
std::string decode_graphml_id(std::string_view graphml_id);

std::string graphml_string(const Network& net, const NodeMeasures& measures,
                           const ExportOptions& options, const TieColumns& tie_columns = {});

}  // namespace movemap
