// A cheap upper bound, from the SQL text alone, on how deep libpg_query's tree for it can be.
// libpg_query and protobuf-c walk the tree recursively with no depth check of their own (about 2KB
// of stack per tree level when unpacking), so the parser uses this bound to run a statement that
// may nest deeply on a thread with enough stack, or to refuse it with 54001 before parsing.
#pragma once

#include <cstddef>
#include <string_view>

namespace kanto::parser {

// Counts, along the deepest path the grammar can build, the tokens of each nesting level since the
// last separator of a flat list (a comma, AND, OR, WHEN, THEN, ELSE) plus the set operations and
// joins of the level (which chain left-deep across those), plus the nesting of parentheses and
// brackets. Every tree level takes at least one token, so the tree is never deeper than this (to
// within a few levels per separator that belongs to a construct, as BETWEEN's AND).
size_t ParseDepthBound(std::string_view sql);

}  // namespace kanto::parser
