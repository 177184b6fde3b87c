// pg_get_viewdef's printer. The query deparser lives above this layer (commands/query_text.cpp,
// which needs the binder's type rules), so it is installed here once at startup.
#pragma once

#include <string>

#include "catalog/catalog.hpp"
#include "function/function_context.hpp"

namespace kanto {

using ViewDefinitionPrinter = std::string (*)(const FunctionContext& session, const TableEntry& view, bool pretty,
                                              int wrap_column);

void SetViewDefinitionPrinter(ViewDefinitionPrinter printer);
// Null until installed.
ViewDefinitionPrinter GetViewDefinitionPrinter();

class FunctionRegistry;
void RegisterViewDefinitionFunctions(FunctionRegistry& r);

}  // namespace kanto
