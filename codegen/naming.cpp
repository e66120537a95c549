#include "naming.hpp"

#include <algorithm>
#include <iterator>

namespace jsii_codegen {
namespace {

// C++20 keywords and alternative tokens, plus identifiers a generated class cannot use for members.
constexpr std::string_view kReserved[] = {
    "alignas",     "alignof",   "and",        "and_eq",    "asm",      "auto",         "bitand",
    "bitor",       "bool",      "break",      "case",      "catch",    "char",         "char8_t",
    "char16_t",    "char32_t",  "class",      "compl",     "concept",  "const",        "consteval",
    "constexpr",   "constinit", "const_cast", "continue",  "co_await", "co_return",    "co_yield",
    "decltype",    "default",   "delete",     "do",        "double",   "dynamic_cast", "else",
    "enum",        "explicit",  "export",     "extern",    "false",    "float",        "for",
    "friend",      "goto",      "if",         "inline",    "int",      "long",         "mutable",
    "namespace",   "new",       "noexcept",   "not",       "not_eq",   "nullptr",      "operator",
    "or",          "or_eq",     "private",    "protected", "public",   "register",     "reinterpret_cast",
    "requires",    "return",    "short",      "signed",    "sizeof",   "static",       "static_assert",
    "static_cast", "struct",    "switch",     "template",  "this",     "thread_local", "throw",
    "true",        "try",       "typedef",    "typeid",    "typename", "union",        "unsigned",
    "using",       "virtual",   "void",       "volatile",  "wchar_t",  "while",        "xor",
    "xor_eq",      "final",     "override",   "import",    "module",   "assert",       "errno",
    "NULL",        "EOF",       "stdin",      "stdout",    "stderr",   "unix",         "linux"};

std::string sanitize(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '@') continue;
    out.push_back(c == '-' || c == '/' || c == '.' ? '_' : c);
  }
  return out;
}

}  // namespace

std::string namespace_for_assembly(std::string_view assembly) { return sanitize(assembly); }

std::string cpp_qualified_name(std::string_view assembly, std::string_view fqn,
                               const std::set<std::string, std::less<>>& submodules) {
  // The longest submodule that prefixes the fqn becomes namespaces; what follows is the type, nested types
  // joined with '_' (a C++ class cannot be reopened to add nested classes from other headers).
  std::string_view scope = assembly;
  for (const auto& submodule : submodules) {
    if (submodule.size() > scope.size() && fqn.size() > submodule.size() && fqn.starts_with(submodule) &&
        fqn[submodule.size()] == '.') {
      scope = submodule;
    }
  }
  std::string out = namespace_for_assembly(assembly);
  for (char c : scope.substr(std::min(scope.size(), assembly.size())))
    out += (c == '.') ? std::string("::") : std::string(1, c);
  out += "::";
  for (char c : fqn.substr(std::min(fqn.size(), scope.size() + 1))) out.push_back(c == '.' ? '_' : c);
  return out;
}

std::string cpp_identifier(std::string_view jsii_name) {
  std::string name(jsii_name);
  if (std::find(std::begin(kReserved), std::end(kReserved), jsii_name) != std::end(kReserved))
    name.push_back('_');
  return name;
}

}  // namespace jsii_codegen
