#include "emit.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>
#include <sstream>
#include <string_view>

#include "naming.hpp"

namespace jsii_codegen {
namespace {

/// Appends the pieces in order, without the temporaries `out += a + b + c` builds.
void append(std::string& out, std::initializer_list<std::string_view> pieces) {
  for (const std::string_view piece : pieces) out += piece;
}

const Assembly& assembly_of(const Analysis& a, const Type& t) { return a.types().assembly(t.assembly); }

std::string ns_of(const Type& t) { return t.cpp.substr(2, t.cpp.size() - 2 - t.name.size() - 2); }

std::string quote(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r' || c == '\t') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

void comment_lines(std::string& out, const std::string& indent, const std::string& text,
                   const std::string& prefix = "") {
  std::istringstream lines(text);
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    // A trailing backslash would splice the next source line into the comment.
    if (!line.empty() && line.back() == '\\') line += " .";
    append(out, {indent, "///", line.empty() && !(first && !prefix.empty()) ? "" : " ",
                 first ? std::string_view(prefix) : "", line, "\n"});
    first = false;
  }
}

std::string doc_comment(const Docs& docs, const std::string& indent,
                        const std::vector<Parameter>* params = nullptr) {
  std::string out;
  if (!docs.summary.empty()) comment_lines(out, indent, docs.summary);
  if (!docs.remarks.empty()) {
    out += indent + "///\n";
    comment_lines(out, indent, docs.remarks);
  }
  bool tags = false;
  auto tag = [&](const std::string& name, const std::string& text) {
    if (text.empty()) return;
    if (!tags && !out.empty()) out += indent + "///\n";
    tags = true;
    comment_lines(out, indent, text, "@" + name + " ");
  };
  if (params != nullptr) {
    for (const auto& p : *params) tag("param", cpp_identifier(p.name) + " " + p.docs.summary);
  }
  tag("return", docs.returns);
  tag("default", docs.default_value);
  tag("see", docs.see);
  if (docs.deprecated) tag("deprecated", docs.deprecated->empty() ? "deprecated" : *docs.deprecated);
  return out;
}

std::string deprecated_attribute(const Docs& docs) {
  if (!docs.deprecated) return "";
  return "[[deprecated(" + quote(docs.deprecated->empty() ? "deprecated" : *docs.deprecated) + ")]] ";
}

std::string return_type(const Analysis& a, const Method& m) {
  return m.returns ? a.cpp_optional(*m.returns, m.returns_optional) : "void";
}

std::string getter_type(const Analysis& a, const Property& p) { return a.cpp_optional(p.type, p.optional); }

std::string setter_parameter(const Analysis& a, const Property& p) {
  const std::string type = getter_type(a, p);
  return (!p.optional && a.by_value(p.type)) ? type : "const " + type + "&";
}

/// The declared parameters, the first `count` of them (all by default).
std::string parameter_list(const Analysis& a, const std::vector<Parameter>& params,
                           std::size_t count = static_cast<std::size_t>(-1)) {
  std::string out;
  for (std::size_t i = 0; i < params.size() && i < count; ++i) {
    out += (i == 0 ? "" : ", ") + a.parameter(params[i]);
  }
  return out;
}

/// Trailing optional (and variadic) parameters may be left out: one overload per shorter length. Overloads
/// rather than default arguments, because a default argument needs its type complete where it is declared.
std::size_t first_omittable(const std::vector<Parameter>& params) {
  std::size_t first = params.size();
  while (first > 0 && (params[first - 1].optional || params[first - 1].variadic)) --first;
  return first;
}

/// The arguments a shorter overload passes on: its own parameters, then "left out" for the rest.
std::string forwarded_arguments(const Analysis& a, const std::vector<Parameter>& params, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < params.size(); ++i) {
    out += i == 0 ? "" : ", ";
    if (i < count) {
      out += cpp_identifier(params[i].name);
    } else if (params[i].variadic) {
      out += "std::vector<" + a.cpp(params[i].type) + ">{}";
    } else if (a.all_optional_struct(params[i].type)) {
      out += a.cpp(params[i].type) + "{}";
    } else {
      out += "std::nullopt";
    }
  }
  return out;
}

std::string function_type(const Analysis& a, const Member& m) {
  if (m.property != nullptr) return getter_type(a, *m.property) + "() const";
  std::string out = return_type(a, *m.method) + "(";
  for (std::size_t i = 0; i < m.method->parameters.size(); ++i) {
    out += (i == 0 ? "" : ", ") + a.parameter_type(m.method->parameters[i]);
  }
  return out + ") const";
}

std::string base_of(const Analysis& a, const Type& t) {
  if (t.kind == Type::Kind::class_ && t.base) return a.types().type(*t.base).cpp;
  return "::jsii::Object";
}

// --- headers
// -------------------------------------------------------------------------------------------------

void declare_member(const Analysis& a, const Member& m, std::string& out) {
  const std::string indent = "  ";
  const std::string name = cpp_identifier(m.name());
  if (m.property != nullptr) {
    const Property& p = *m.property;
    out += doc_comment(p.docs, indent);
    const std::string attribute = deprecated_attribute(p.docs);
    if (p.is_static) {
      out += indent + attribute + "static " + getter_type(a, p) + " " + name + "();\n";
      if (!p.immutable)
        out += indent + attribute + "static void " + name + "(" + setter_parameter(a, p) + " jsii_value);\n";
    } else {
      out += indent + attribute + "virtual " + getter_type(a, p) + " " + name + "() const;\n";
      if (!p.immutable) {
        out += indent + attribute + "virtual void " + name + "(" + setter_parameter(a, p) +
               " jsii_value) const;\n";
      }
    }
    return;
  }
  const Method& method = *m.method;
  out += doc_comment(method.docs, indent, &method.parameters);
  if (method.is_async) {
    out += indent +
           "/// Async in JS: blocks until its promise settles (serving the C++ overrides it awaits), then "
           "returns\n" +
           indent + "/// its value or throws its error. Not callable from C++ code JS calls synchronously.\n";
  }
  const std::string attribute = deprecated_attribute(method.docs);
  const std::string suffix = method.is_static ? ";\n" : " const;\n";
  out += indent + attribute + (method.is_static ? "static " : "virtual ") + return_type(a, method) + " " +
         name + "(" + parameter_list(a, method.parameters) + ")" + suffix;
  for (std::size_t count = first_omittable(method.parameters); count < method.parameters.size(); ++count) {
    append(out, {indent, attribute, method.is_static ? "static " : "", return_type(a, method), " ", name, "(",
                 parameter_list(a, method.parameters, count), ")", suffix});
  }
}

std::string interfaces_list(const Analysis& a, const Type& t) {
  std::string out = "::jsii::Interfaces<";
  bool first = true;
  for (const auto& i : a.all_interfaces(t.fqn)) {
    out += (first ? "" : ", ") + a.types().type(i).cpp;
    first = false;
  }
  return out + ">";
}

/// The one method a C++ implementation of interface `t` must write, when that is all it must write (no
/// properties): such interfaces accept a C++ callable (`jsii::implement<I>(lambda)`).
const Method* single_method_to_implement(const Analysis& a, const Type& t) {
  const auto required = a.must_override(t.fqn);
  if (required.size() != 1) return nullptr;
  for (const auto& m : a.members(t.fqn)) {
    if (m.method != nullptr && !m.method->is_static && m.method->name == required.front()) return m.method;
  }
  return nullptr;
}

/// `I::jsii_callable<F>`: implements the interface's one method by calling `F`. A template, so it costs
/// nothing where no callable is used.
void define_callable(const Analysis& a, const Type& t, const Method& method, std::string& out) {
  const std::string name = cpp_identifier(method.name);
  std::string arguments;
  for (const auto& p : method.parameters)
    arguments += (arguments.empty() ? "" : ", ") + cpp_identifier(p.name);
  out += "\ntemplate <class jsii_F>\nclass " + t.name + "::jsii_callable final : public " + t.name + " {\n";
  out += " public:\n";
  out += "  explicit jsii_callable(jsii_F jsii_f) : jsii_f_(std::move(jsii_f)) {}\n";
  out += "  using " + t.name + "::" + name + ";\n";
  // The return type is spelled dependent on jsii_F: its definition need only be complete where a callable is
  // made (the interface's user header includes it), not wherever this definition is included.
  out += "  ::jsii::detail::dependent_t<jsii_F, " + return_type(a, method) + "> " + name + "(" +
         parameter_list(a, method.parameters) + ") const override {\n";
  out += "    return jsii_f_(" + arguments + ");\n  }\n\n";
  out += " private:\n  mutable jsii_F jsii_f_;\n};\n";
}

void class_body(const Analysis& a, const Type& t, std::string& out) {
  const bool is_interface = t.kind == Type::Kind::interface;
  const std::string base = base_of(a, t);
  out += doc_comment(t.docs, "");
  out += "class " + deprecated_attribute(t.docs) + t.name + " : public " + base + " {\n public:\n";
  out += "  static constexpr std::string_view jsii_fqn = " + quote(t.fqn) + ";\n";
  // Classes and interfaces list what they implement under different names, so that a C++ class deriving
  // from a generated class and from generated interfaces still has one unambiguous list of each.
  out += std::string("  using ") + (is_interface ? "jsii_interface_bases" : "jsii_interfaces") + " = " +
         interfaces_list(a, t) + ";\n";
  out += "  static const ::jsii::detail::TypeInfo& jsii_type();\n\n";
  const bool out_of_line = a.tag_constructors_out_of_line(t.fqn);
  out += "  /// Wraps an existing kernel object (see `jsii::cast`).\n";
  out += "  " + t.name + "(::jsii::FromRef jsii_tag, const ::jsii::Object& jsii_object)" +
         (out_of_line ? ";\n" : " : " + base + "(jsii_tag, jsii_object) {}\n");
  if (is_interface) {
    out += "  /// Any handle whose type implements " + t.name + ".\n";
    out += "  template <class jsii_U>\n    requires ::jsii::Implements<jsii_U, " + t.name + ">\n";
    out += "  " + t.name + "(const jsii_U& jsii_other)  // NOLINT(google-explicit-constructor)\n";
    out += "      : ::jsii::Object(::jsii::FromRef{}, jsii_other) {}\n";
  }
  std::string protected_part;
  if (t.initializer) {
    std::string& into = t.initializer->is_protected || t.is_abstract ? protected_part : out;
    into += "\n" + doc_comment(t.initializer->docs, "  ", &t.initializer->parameters);
    const auto& params = t.initializer->parameters;
    for (std::size_t count = first_omittable(params); count < params.size(); ++count) {
      into += "  " + std::string(count == 0 ? "" : "explicit ") + t.name + "(" +
              parameter_list(a, params, count) + ");\n";
    }
    into += "  " + std::string(params.empty() ? "" : "explicit ") + t.name + "(" + parameter_list(a, params) +
            ");\n";
  }
  for (const auto& m : a.members(t.fqn)) {
    std::string& into = m.is_protected() ? protected_part : out;
    into += "\n";
    declare_member(a, m, into);
  }
  const Method* callable = is_interface ? single_method_to_implement(a, t) : nullptr;
  if (callable != nullptr) {
    out += "\n  /// A C++ callable as this interface (`jsii::implement<" + t.name + ">([] { ... })`).\n";
    out += "  template <class jsii_F>\n  class jsii_callable;\n";
  }
  out += "\n protected:\n";
  if (is_interface) {
    out += "  /// For C++ implementations: `class MyThing : public " + t.name + " { ... };`\n";
    out += "  " + t.name + "();\n";
  }
  out += "  explicit " + t.name + "(::jsii::NoInit jsii_tag)" +
         (out_of_line ? ";\n" : " : " + base + "(jsii_tag) {}\n");
  out += protected_part;
  out += "\n private:\n  struct jsii_impl;\n  friend struct jsii_impl;\n};\n";
  if (callable != nullptr) define_callable(a, t, *callable, out);
}

void struct_body(const Analysis& a, const Type& t, std::string& out) {
  out += doc_comment(t.docs, "");
  out += "struct " + deprecated_attribute(t.docs) + t.name + " {\n";
  out += "  static constexpr std::string_view jsii_fqn = " + quote(t.fqn) + ";\n";
  for (const auto* field : a.struct_fields(t.fqn)) {
    out += "\n" + doc_comment(field->docs, "  ");
    const std::string type = a.field_cpp(t.fqn, *field);
    // No [[deprecated]] on fields: C++ would warn on every initialization of the struct, used or not.
    // `{}` on optional fields: GCC's -Wmissing-field-initializers (in -Wextra) then accepts designated
    // initializers that leave them out, as props are meant to be written.
    out += "  " + (field->optional ? "std::optional<" + type + ">" : "::jsii::Required<" + type + ">") + " " +
           cpp_identifier(field->name) + (field->optional ? "{};\n" : ";\n");
  }
  out += "\n  /// Field by field (handles compare by object identity).\n";
  out += "  friend bool operator==(const " + t.name + "&, const " + t.name + "&) = default;\n";
  out += "  /// As a jsii `any` and back: `jsii::Any(value)`, `any.is<" + t.name + ">()`, `any.as<" + t.name +
         ">()`.\n";
  out += "  static ::jsii::Any jsii_to_any(const " + t.name + "& jsii_value);\n";
  out += "  static " + t.name + " jsii_from_any(const ::jsii::Any& jsii_value);\n";
  out += "  static bool jsii_accepts_any(const ::jsii::Any& jsii_value);\n";
  const auto ancestors = a.all_interfaces(t.fqn);
  if (!ancestors.empty())
    out += "\n  // A " + t.name + " is usable wherever a struct it extends is expected.\n";
  for (const auto& ancestor : ancestors) {
    out +=
        "  operator " + a.types().type(ancestor).cpp + "() const;  // NOLINT(google-explicit-constructor)\n";
  }
  out += "};\n";
}

void enum_body(const Type& t, std::string& out) {
  out += doc_comment(t.docs, "");
  out += "enum class " + deprecated_attribute(t.docs) + t.name + " : int {\n";
  for (const auto& member : t.members) {
    out += doc_comment(member.docs, "  ");
    out += "  " + cpp_identifier(member.name) +
           (member.docs.deprecated ? " " + deprecated_attribute(member.docs) : "") + ",\n";
  }
  out += "};\n";
}

void std_includes(const std::string& body, std::string& out) {
  const std::pair<const char*, const char*> headers[] = {{"std::map<", "<map>"},
                                                         {"std::optional<", "<optional>"},
                                                         {"std::string", "<string>"},
                                                         {"std::string_view", "<string_view>"},
                                                         {"std::variant<", "<variant>"},
                                                         {"std::vector<", "<vector>"},
                                                         {"std::move(", "<utility>"},
                                                         {"::jsii::Any", "<jsii/any.hpp>"},
                                                         {"::jsii::Required<", "<jsii/required.hpp>"},
                                                         {"::jsii::Box<", "<jsii/box.hpp>"}};
  for (const auto& [needle, header] : headers) {
    if (body.find(needle) != std::string::npos) out += std::string("#include ") + header + "\n";
  }
}

}  // namespace

std::string banner(const Assembly& assembly) {
  return "// Generated by jsii-codegen from " + assembly.name + "@" + assembly.version + ". Do not edit.\n";
}

std::string marshal_header_path(const Module& module) { return module.dir + "/jsii_marshal.hpp"; }

std::string emit_header(const Analysis& a, const Type& t) {
  // The header users include: the type's definition plus the definitions of every type its declarations
  // mention, and (through structs, which hold values) what those mention, so calls and props compile without
  // more includes. Definitions only include definitions, so no include cycle can leave a type incomplete.
  // Inherited members count as the type's own: its base classes' declarations are expanded as well, so
  // `bucket.node()` (declared by constructs.Construct) needs no other include.
  std::set<std::string> expand{t.fqn};
  for (const Type* base = &t; base->kind == Type::Kind::class_ && base->base;) {
    base = a.types().find(*base->base);
    if (base == nullptr) break;
    expand.insert(base->fqn);
  }
  std::set<std::string> closure{t.fqn};
  std::vector<std::string> todo{t.fqn};
  while (!todo.empty()) {
    const std::string fqn = todo.back();
    todo.pop_back();
    const Type& current = a.types().type(fqn);
    if (!expand.contains(fqn) && current.kind != Type::Kind::struct_) continue;
    for (const auto& other : a.mentions(fqn)) {
      if (closure.insert(other).second) todo.push_back(other);
    }
  }
  std::string out = banner(assembly_of(a, t)) + "#pragma once\n\n#include <" + t.definition + ">\n";
  std::set<std::string> includes;
  for (const auto& fqn : closure) {
    if (fqn != t.fqn) includes.insert(a.types().type(fqn).definition);
  }
  for (const auto& header : includes) out += "#include <" + header + ">\n";
  return out;
}

std::string emit_definition(const Analysis& a, const Type& t) {
  std::string body;
  switch (t.kind) {
    case Type::Kind::class_:
    case Type::Kind::interface:
      class_body(a, t, body);
      break;
    case Type::Kind::struct_:
      struct_body(a, t, body);
      break;
    case Type::Kind::enum_:
      enum_body(t, body);
      break;
  }
  std::string out = banner(assembly_of(a, t)) + "#pragma once\n\n";
  if (t.kind != Type::Kind::enum_) out += "#include <jsii/object.hpp>\n";
  std_includes(body, out);
  // Types needed complete, and enums (leaves: including them costs nothing and gives users the members).
  std::set<std::string> includes;
  for (const auto& fqn : a.needs_complete(t.fqn)) includes.insert(a.types().type(fqn).definition);
  std::map<std::string, std::vector<const Type*>> forward;  // namespace -> types
  for (const auto& fqn : a.mentions(t.fqn)) {
    const Type& other = a.types().type(fqn);
    if (other.kind == Type::Kind::enum_) {
      includes.insert(other.definition);
    } else {
      forward[ns_of(other)].push_back(&other);
    }
  }
  for (const auto& header : includes) out += "#include <" + header + ">\n";
  out += "\n";
  for (const auto& [ns, types] : forward) {
    out += "namespace " + ns + " {\n";
    for (const Type* other : types) {
      out += std::string(other->kind == Type::Kind::struct_ ? "struct " : "class ") + other->name + ";\n";
    }
    out += "}  // namespace " + ns + "\n";
  }
  if (!forward.empty()) out += "\n";
  out += "namespace " + ns_of(t) + " {\n\n" + body + "\n}  // namespace " + ns_of(t) + "\n";
  return out;
}

// --- sources
// -------------------------------------------------------------------------------------------------

namespace {

std::string arguments_to_wire(const Analysis& a, const std::vector<Parameter>& params) {
  std::string out = "  ::jsii::detail::Wire jsii_args = ::jsii::detail::Wire::array();\n";
  for (const auto& p : params) {
    const std::string name = cpp_identifier(p.name);
    if (p.variadic) {
      out += "  for (const auto& jsii_item : " + name +
             ") jsii_args.push_back(::jsii::detail::to_wire(jsii_item));\n";
    } else if (p.optional && a.all_optional_struct(p.type)) {
      out += "  jsii_args.push_back(::jsii::detail::omit_if_empty(::jsii::detail::to_wire(" + name + ")));\n";
    } else {
      out += "  jsii_args.push_back(::jsii::detail::to_wire(" + name + "));\n";
    }
  }
  return out;
}

std::string arguments_from_wire(const Analysis& a, const std::vector<Parameter>& params) {
  std::string out;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Parameter& p = params[i];
    const std::string index = std::to_string(i);
    const std::string type = a.cpp(p.type);
    out += i == 0 ? "" : ", ";
    if (p.variadic) {
      append(out, {"::jsii::detail::from_wire<std::vector<", type, ">>(::jsii::detail::rest(jsii_call.args, ",
                   index, "))"});
    } else if (p.optional && a.all_optional_struct(p.type)) {
      append(out, {"::jsii::detail::from_wire_or_empty<", type, ">(::jsii::detail::arg(jsii_call.args, ",
                   index, "))"});
    } else {
      append(out, {"::jsii::detail::from_wire<", p.optional ? "std::optional<" : "", type,
                   p.optional ? ">" : "", ">(::jsii::detail::arg(jsii_call.args, ", index, "))"});
    }
  }
  return out;
}

void define_member(const Analysis& a, const Type& t, const Member& m, std::string& out) {
  const std::string name = cpp_identifier(m.name());
  const std::string quoted = quote(m.name());
  if (m.property != nullptr) {
    const Property& p = *m.property;
    const std::string type = getter_type(a, p);
    // Static properties go through sget/sset on the type, instance ones through get/set on the object.
    const std::string qualifier = p.is_static ? "" : " const";
    const std::string target = p.is_static ? "jsii_type()" : "*this";
    const std::string prefix = p.is_static ? "::jsii::detail::s" : "::jsii::detail::";
    out += type + " " + t.name + "::" + name + "()" + qualifier + " {\n  return ::jsii::detail::from_wire<" +
           type + ">(" + prefix + "get(" + target + ", " + quoted + "));\n}\n";
    if (!p.immutable) {
      out += "void " + t.name + "::" + name + "(" + setter_parameter(a, p) + " jsii_value)" + qualifier +
             " {\n  " + prefix + "set(" + target + ", " + quoted +
             ", ::jsii::detail::to_wire(jsii_value));\n}\n";
    }
    return;
  }
  const Method& method = *m.method;
  const std::string result = return_type(a, method);
  out += result + " " + t.name + "::" + name + "(" + parameter_list(a, method.parameters) + ")" +
         (method.is_static ? "" : " const") + " {\n";
  out += arguments_to_wire(a, method.parameters);
  const std::string call = method.is_static
                               ? "::jsii::detail::sinvoke(jsii_type(), " + quoted + ", std::move(jsii_args))"
                               : std::string(method.is_async ? "::jsii::detail::invoke_async(*this, "
                                                             : "::jsii::detail::invoke(*this, ") +
                                     quoted + ", std::move(jsii_args))";
  out += result == "void" ? "  (void)" + call + ";\n}\n"
                          : "  return ::jsii::detail::from_wire<" + result + ">(" + call + ");\n}\n";
  for (std::size_t count = first_omittable(method.parameters); count < method.parameters.size(); ++count) {
    // `this->` / `T::`: a parameter may have the method's name.
    append(out, {result, " ", t.name, "::", name, "(", parameter_list(a, method.parameters, count), ")",
                 method.is_static ? "" : " const", " {\n  ", result == "void" ? "" : "return ",
                 method.is_static ? std::string_view(t.name) : "this", method.is_static ? "::" : "->", name,
                 "(", forwarded_arguments(a, method.parameters, count), ");\n}\n"});
  }
}

void define_impl(const Analysis& a, const Type& t, std::string& out) {
  const bool is_class = t.kind == Type::Kind::class_;
  const std::string base = base_of(a, t);
  const bool chained = is_class && t.base.has_value();
  std::vector<const Member*> instance;
  for (const auto& m : a.members(t.fqn)) {
    if (!m.is_static()) instance.push_back(&m);
  }
  // Every name below starts with `jsii_`, which no jsii name can (naming.cpp escapes them).
  out += "struct " + t.name + "::jsii_impl {\n";
  out += "  static const void* jsii_probe() {\n    static const auto* jsii_instance = new " + t.name +
         "(::jsii::NoInit{});  // NOLINT: lives until exit\n    return jsii_instance;\n  }\n\n";
  out +=
      "  static void jsii_collect([[maybe_unused]] const void* jsii_s, [[maybe_unused]] const void* jsii_p,\n"
      "                           [[maybe_unused]] std::vector<::jsii::Override>& jsii_out) {\n";
  out += "    [[maybe_unused]] const auto* jsii_self = static_cast<const " + t.name + "*>(jsii_s);\n";
  out += "    [[maybe_unused]] const auto* jsii_probe = static_cast<const " + t.name + "*>(jsii_p);\n";
  if (chained) {
    out += "    " + base + "::jsii_type().collect(static_cast<const " + base +
           "*>(jsii_self), static_cast<const " + base + "*>(jsii_probe), jsii_out);\n";
  }
  for (const Member* m : instance) {
    const std::string member = "&" + t.name + "::" + cpp_identifier(m->name());
    std::string test =
        "::jsii::detail::overridden<" + function_type(a, *m) + ">(jsii_self, jsii_probe, " + member + ")";
    if (m->property != nullptr && !m->property->immutable) {
      // Either accessor overridden: JS then calls C++ for both, and the other one reaches JS's own.
      test += " ||\n        ::jsii::detail::overridden<void(" + setter_parameter(a, *m->property) +
              ") const>(jsii_self, jsii_probe, " + member + ")";
    }
    out += "    if (" + test + ") {\n      ::jsii::detail::add_override(jsii_out, " +
           (m->property != nullptr ? "true" : "false") + ", " + quote(m->name()) + ");\n    }\n";
  }
  out += "  }\n\n";
  out +=
      "  static ::jsii::detail::Wire jsii_dispatch(void* jsii_s, const ::jsii::detail::Call& jsii_call) {\n";
  out += "    [[maybe_unused]] auto& jsii_self = *static_cast<" + t.name + "*>(jsii_s);\n";
  for (const Member* m : instance) {
    const std::string name = cpp_identifier(m->name());
    out += "    if (jsii_call.name == " + quote(m->name()) + ") {\n";
    if (m->property != nullptr) {
      const Property& p = *m->property;
      if (!p.immutable) {
        out += "      if (jsii_call.set) {\n        jsii_self." + name + "(::jsii::detail::from_wire<" +
               getter_type(a, p) + ">(jsii_call.args));\n        return {};\n      }\n";
      }
      out += "      return ::jsii::detail::to_wire(jsii_self." + name + "());\n    }\n";
    } else {
      const Method& method = *m->method;
      const std::string invocation =
          "jsii_self." + name + "(" + arguments_from_wire(a, method.parameters) + ")";
      if (method.returns) {
        out += "      return ::jsii::detail::to_wire(" + invocation + ");\n    }\n";
      } else {
        out += "      " + invocation + ";\n      return {};\n    }\n";
      }
    }
  }
  if (chained) {
    out +=
        "    return " + base + "::jsii_type().dispatch(static_cast<" + base + "*>(&jsii_self), jsii_call);\n";
  } else {
    out += "    ::jsii::detail::unknown_member(jsii_type(), jsii_call);\n";
  }
  out += "  }\n};\n\n";

  const auto abstract_members = a.must_override(t.fqn);
  out += "const ::jsii::detail::TypeInfo& " + t.name + "::jsii_type() {\n";
  if (!abstract_members.empty()) {
    out += "  static constexpr std::string_view jsii_must_override[] = {";
    for (std::size_t i = 0; i < abstract_members.size(); ++i)
      out += (i == 0 ? "" : ", ") + quote(abstract_members[i]);
    out += "};\n";
  }
  const Assembly& assembly = assembly_of(a, t);
  out +=
      "  static const ::jsii::detail::TypeInfo jsii_info{" + quote(t.fqn) + ", " +
      (is_class ? "false" : "true") + ", &::" + namespace_for_assembly(assembly.name) +
      "::jsii_detail::load, &jsii_impl::jsii_collect, &jsii_impl::jsii_dispatch, &jsii_impl::jsii_probe, " +
      (abstract_members.empty() ? "{}" : "jsii_must_override") + "};\n  return jsii_info;\n}\n\n";

  if (a.tag_constructors_out_of_line(t.fqn)) {
    append(out, {t.name, "::", t.name, "(::jsii::FromRef jsii_tag, const ::jsii::Object& jsii_object) : ",
                 base, "(jsii_tag, jsii_object) {}\n", t.name, "::", t.name,
                 "(::jsii::NoInit jsii_tag) : ", base, "(jsii_tag) {}\n\n"});
  }
  if (t.initializer) {
    const auto& params = t.initializer->parameters;
    out += t.name + "::" + t.name + "(" + parameter_list(a, params) + ") : " + base +
           "(::jsii::NoInit{}) {\n" + arguments_to_wire(a, params) +
           "  ::jsii::detail::construct(*this, this, jsii_type(), std::move(jsii_args));\n}\n";
    for (std::size_t count = first_omittable(params); count < params.size(); ++count) {
      out += t.name + "::" + t.name + "(" + parameter_list(a, params, count) + ") : " + t.name + "(" +
             forwarded_arguments(a, params, count) + ") {}\n";
    }
    out += "\n";
  }
  if (!is_class) {
    out +=
        t.name + "::" + t.name +
        "() : ::jsii::Object(::jsii::NoInit{}) { ::jsii::detail::implement(*this, this, jsii_type()); }\n\n";
  }
  for (const auto& m : a.members(t.fqn)) {
    define_member(a, t, m, out);
    out += "\n";
  }
}

/// `Derived::operator Base() const`: the fields Base has, copied (a field Base holds in a jsii::Box and the
/// derived struct does not, or the other way round, converts through its value).
void define_struct_conversions(const Analysis& a, const Type& t, std::string& out) {
  std::map<std::string, const Property*> own;
  for (const Property* f : a.struct_fields(t.fqn)) own.emplace(f->name, f);
  for (const auto& fqn : a.all_interfaces(t.fqn)) {
    const Type& base = a.types().type(fqn);
    out += t.cpp + "::operator " + base.cpp + "() const {\n  return " + base.cpp + "{";
    const auto fields = a.struct_fields(fqn);
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const Property* f = fields[i];
      const Property* mine = own.at(f->name);
      const std::string name = "this->" + cpp_identifier(f->name);
      const std::string base_type = a.field_cpp(fqn, *f);
      std::string value = name;
      if (base_type != a.field_cpp(t.fqn, *mine) || f->optional != mine->optional) {
        const std::string optional = "std::optional<" + base_type + ">";
        if (mine->optional) {
          value = name + " ? " + optional + "(::jsii::unbox(*" + name + ")) : " + optional + "()";
        } else {
          value = "::jsii::unbox(" + name + ".get())";
          if (f->optional) value = optional + "(" + value + ")";
        }
      }
      out += std::string(i == 0 ? "\n" : ",\n") + "      ." + cpp_identifier(f->name) + " = " + value;
    }
    out += "};\n}\n";
  }
}

/// The struct as a jsii `any` and back (`jsii::Any(props)`, `any.is<T>()`, `any.as<T>()`).
void define_struct_any(const Type& t, std::string& out) {
  // Trailing return types: `::jsii::Any ::ns::T::f` would parse as `::jsii::Any::ns::T::f`.
  const std::string marshal = "::jsii::detail::Marshal<" + t.cpp + ">";
  out += "auto " + t.cpp + "::jsii_to_any(const " + t.cpp + "& jsii_value) -> ::jsii::Any {\n  return " +
         "::jsii::detail::any_from_wire(" + marshal + "::to(jsii_value));\n}\n";
  out += "auto " + t.cpp + "::jsii_from_any(const ::jsii::Any& jsii_value) -> " + t.cpp + " {\n  return " +
         marshal + "::from(::jsii::detail::any_view(jsii_value));\n}\n";
  out += "auto " + t.cpp + "::jsii_accepts_any(const ::jsii::Any& jsii_value) -> bool {\n  return " +
         marshal + "::accepts(::jsii::detail::any_view(jsii_value));\n}\n\n";
}

void define_struct_marshal(const Analysis& a, const Type& t, std::string& out) {
  const auto fields = a.struct_fields(t.fqn);
  out += "Wire Marshal<" + t.cpp + ">::to([[maybe_unused]] const " + t.cpp + "& jsii_value) {\n";
  out += "  StructWriter jsii_writer;\n";
  for (const auto* f : fields) {
    out += "  jsii_writer.field(" + quote(f->name) + ", jsii_value." + cpp_identifier(f->name) + ");\n";
  }
  out += "  return jsii_writer.done(" + quote(t.fqn) + ");\n}\n";
  out += t.cpp + " Marshal<" + t.cpp + ">::from(WireView jsii_value) {\n";
  out += "  [[maybe_unused]] const StructReader jsii_reader(jsii_value, " + quote(t.fqn) + ");\n";
  out += "  return " + t.cpp + "{";
  std::string required;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const Property* f = fields[i];
    const std::string type = a.field_cpp(t.fqn, *f);
    out += std::string(i == 0 ? "\n" : ",\n") + "      ." + cpp_identifier(f->name) +
           " = jsii_reader.field<" +
           (f->optional ? "std::optional<" + type + ">" : "::jsii::Required<" + type + ">") + ">(" +
           quote(f->name) + ")";
    if (!f->optional) required += (required.empty() ? "" : ", ") + quote(f->name);
  }
  out += "};\n}\n";
  // Required fields tell the alternatives of a union of structs apart.
  out += "bool Marshal<" + t.cpp + ">::accepts(WireView jsii_value) {\n";
  if (required.empty()) {
    out += "  return struct_accepts(" + quote(t.fqn) + ", {}, jsii_value);\n}\n\n";
  } else {
    out += "  static constexpr std::string_view jsii_required[] = {" + required + "};\n";
    out += "  return struct_accepts(" + quote(t.fqn) + ", jsii_required, jsii_value);\n}\n\n";
  }
}

void define_enum_marshal(const Type& t, std::string& out) {
  const std::string table = "jsii_members_" + t.name;
  out += "namespace {\n";
  if (t.members.empty()) {
    out += "constexpr std::span<const std::string_view> " + table + "{};\n";
  } else {
    out += "constexpr std::string_view " + table + "[] = {";
    for (std::size_t i = 0; i < t.members.size(); ++i) out += (i == 0 ? "" : ", ") + quote(t.members[i].name);
    out += "};\n";
  }
  out += "}  // namespace\n";
  out += "Wire Marshal<" + t.cpp + ">::to(" + t.cpp + " value) {\n  return enum_to(" + quote(t.fqn) + ", " +
         table + ", static_cast<std::size_t>(static_cast<int>(value)));\n}\n";
  out += t.cpp + " Marshal<" + t.cpp + ">::from(WireView value) {\n  return static_cast<" + t.cpp +
         ">(static_cast<int>(enum_from(" + quote(t.fqn) + ", " + table + ", value)));\n}\n";
  out += "bool Marshal<" + t.cpp + ">::accepts(WireView value) { return enum_accepts(" + quote(t.fqn) +
         ", value); }\n\n";
}

}  // namespace

std::string emit_definitions(const Analysis& a, const Type& t) {
  std::string out;
  switch (t.kind) {
    case Type::Kind::class_:
    case Type::Kind::interface:
      out += "namespace " + ns_of(t) + " {\n\n";
      define_impl(a, t, out);
      out += "}  // namespace " + ns_of(t) + "\n\n";
      break;
    case Type::Kind::struct_:
      define_struct_conversions(a, t, out);
      out += "namespace jsii::detail {\n\n";
      define_struct_marshal(a, t, out);
      out += "}  // namespace jsii::detail\n\n";
      define_struct_any(t, out);
      break;
    case Type::Kind::enum_:
      out += "namespace jsii::detail {\n\n";
      define_enum_marshal(t, out);
      out += "}  // namespace jsii::detail\n\n";
      break;
  }
  return out;
}

std::set<std::string> referenced_types(const Analysis& a, const std::vector<const Type*>& types) {
  // Everything the code marshals, and what their values hold (struct fields, elements).
  std::set<std::string> out;
  for (const Type* t : types) {
    std::set<std::string> all = a.mentions(t->fqn);
    all.insert(t->fqn);
    for (const auto& fqn : all) {
      if (!out.insert(fqn).second) continue;
      TypeRef ref;
      ref.kind = TypeRef::Kind::named;
      ref.name = fqn;
      const std::set<std::string> closure = a.value_closure(ref);
      out.insert(closure.begin(), closure.end());
    }
  }
  return out;
}

std::vector<std::string> source_includes(const Analysis& a, const std::set<std::string>& referenced) {
  std::set<std::string> headers;
  std::set<std::string> marshal;
  for (const auto& fqn : referenced) {
    const Type& other = a.types().type(fqn);
    headers.insert(other.definition);
    marshal.insert(marshal_header_path(a.types().assembly(other.assembly).modules.at(other.module)));
  }
  std::vector<std::string> out{"jsii/bindings.hpp"};
  out.insert(out.end(), headers.begin(), headers.end());
  out.insert(out.end(), marshal.begin(), marshal.end());
  return out;
}

std::string emit_marshal_header(const Analysis& a, const Assembly& assembly, const Module& module) {
  std::string out = banner(assembly) + "#pragma once\n\n#include <jsii/bindings.hpp>\n\n";
  const std::string loader_ns = namespace_for_assembly(assembly.name) + "::jsii_detail";
  out += "namespace " + loader_ns + " {\n/// Loads " + assembly.name +
         " (and its dependencies) into the kernel.\nvoid load();\n}  // namespace " + loader_ns + "\n\n";
  std::string declarations;
  std::string specializations;
  for (const auto& fqn : module.types) {
    const Type& t = a.types().type(fqn);
    if (t.kind == Type::Kind::enum_) {
      declarations += "enum class " + t.name + " : int;\n";
      specializations += "template <>\nstruct Marshal<" + t.cpp + "> {\n  static Wire to(" + t.cpp +
                         " value);\n  static " + t.cpp +
                         " from(WireView value);\n  static bool accepts(WireView value);\n};\n";
    } else if (t.kind == Type::Kind::struct_) {
      declarations += "struct " + t.name + ";\n";
      specializations += "template <>\nstruct Marshal<" + t.cpp + "> {\n  static Wire to(const " + t.cpp +
                         "& value);\n  static " + t.cpp +
                         " from(WireView value);\n  static bool accepts(WireView value);\n};\n";
    }
  }
  if (!declarations.empty()) {
    out += "namespace " + module.cpp + " {\n" + declarations + "}  // namespace " + module.cpp + "\n\n";
    out += "namespace jsii::detail {\n" + specializations + "}  // namespace jsii::detail\n";
  }
  return out;
}

std::string emit_loader(const Assembly& assembly, const std::string& tarball, const std::string& types_file) {
  std::string out = banner(assembly) + "#include <jsii/bindings.hpp>\n\n";
  for (const auto& dependency : assembly.dependencies) {
    out += "namespace " + namespace_for_assembly(dependency) + "::jsii_detail {\nvoid load();\n}\n";
  }
  const std::string ns = namespace_for_assembly(assembly.name) + "::jsii_detail";
  out += "\nnamespace " + ns + " {\n\nvoid load();\nvoid load() {\n";
  for (const auto& dependency : assembly.dependencies)
    out += "  ::" + namespace_for_assembly(dependency) + "::jsii_detail::load();\n";
  out += "  ::jsii::detail::load_assembly(" + quote(assembly.name) + ", " + quote(assembly.version) + ", " +
         quote(tarball) + ", " + quote(types_file) + ");\n}\n\n}  // namespace " + ns + "\n";
  return out;
}

}  // namespace jsii_codegen
