#include "analysis.hpp"

#include <algorithm>
#include <functional>

#include "assembly.hpp"
#include "naming.hpp"

namespace jsii_codegen {
namespace {

/// Strongly connected components (Tarjan, iterative). Returns node -> component index.
std::map<std::string, int> components(const std::map<std::string, std::set<std::string>>& graph) {
  std::map<std::string, int> index;
  std::map<std::string, int> low;
  std::map<std::string, int> component;
  std::vector<std::string> stack;
  std::set<std::string> on_stack;
  int counter = 0;
  int components = 0;
  struct Frame {
    std::string node;
    std::vector<std::string> next;
    std::size_t position = 0;
  };
  auto successors = [&](const std::string& node) {
    const auto it = graph.find(node);
    return it == graph.end() ? std::vector<std::string>{}
                             : std::vector<std::string>(it->second.begin(), it->second.end());
  };
  for (const auto& [start, unused] : graph) {
    if (index.contains(start)) continue;
    std::vector<Frame> frames;
    frames.push_back(Frame{start, successors(start)});
    index[start] = low[start] = counter++;
    stack.push_back(start);
    on_stack.insert(start);
    while (!frames.empty()) {
      Frame& frame = frames.back();
      if (frame.position < frame.next.size()) {
        const std::string next = frame.next[frame.position++];
        if (!index.contains(next)) {
          index[next] = low[next] = counter++;
          stack.push_back(next);
          on_stack.insert(next);
          frames.push_back(Frame{next, successors(next)});
        } else if (on_stack.contains(next)) {
          low[frame.node] = std::min(low[frame.node], index[next]);
        }
        continue;
      }
      const std::string node = frame.node;
      if (low[node] == index[node]) {
        for (;;) {
          const std::string member = stack.back();
          stack.pop_back();
          on_stack.erase(member);
          component[member] = components;
          if (member == node) break;
        }
        ++components;
      }
      frames.pop_back();
      if (!frames.empty()) low[frames.back().node] = std::min(low[frames.back().node], low[node]);
    }
  }
  return component;
}

}  // namespace

void collect_named(const TypeRef& type, std::set<std::string>& out) {
  if (type.kind == TypeRef::Kind::named) out.insert(type.name);
  for (const auto& item : type.items) collect_named(item, out);
}

Analysis::Analysis(const TypeSystem& types) : types_(types) {
  for (const auto& [fqn, type] : types_.types()) compute_members(type);
  compute_complete_edges();
  compute_optional_struct_parameters();
}

std::string Analysis::cpp(const TypeRef& type) const { return spell(type, ""); }

std::string Analysis::field_cpp(const std::string& owner, const Property& field) const {
  return spell(field.type, owner);
}

std::string Analysis::spell(const TypeRef& type, const std::string& owner) const {
  auto cpp = [&](const TypeRef& item) { return spell(item, owner); };
  switch (type.kind) {
    case TypeRef::Kind::primitive:
      if (type.name == "string") return "std::string";
      if (type.name == "number") return "double";
      if (type.name == "boolean") return "bool";
      if (type.name == "date") return "::jsii::Date";
      return "::jsii::Any";  // json, any
    case TypeRef::Kind::named:
      if (!owner.empty() && boxed_.contains({owner, type.name}))
        return "::jsii::Box<" + types_.type(type.name).cpp + ">";
      return types_.type(type.name).cpp;
    case TypeRef::Kind::array:
      return "std::vector<" + spell(type.items.at(0), "") + ">";
    case TypeRef::Kind::map:
      return "std::map<std::string, " + spell(type.items.at(0), "") + ">";
    case TypeRef::Kind::union_: {
      std::vector<std::string> alternatives;
      for (const auto& item : type.items) {
        std::string spelled = cpp(item);
        if (spelled == "::jsii::Any") return spelled;
        if (std::find(alternatives.begin(), alternatives.end(), spelled) == alternatives.end()) {
          alternatives.push_back(std::move(spelled));
        }
      }
      if (alternatives.size() == 1) return alternatives.front();
      std::string out = "std::variant<";
      for (std::size_t i = 0; i < alternatives.size(); ++i) out += (i == 0 ? "" : ", ") + alternatives[i];
      return out + ">";
    }
  }
  return "::jsii::Any";
}

std::string Analysis::cpp_optional(const TypeRef& type, bool optional) const {
  return optional ? "std::optional<" + cpp(type) + ">" : cpp(type);
}

bool Analysis::by_value(const TypeRef& type) const {
  if (type.kind == TypeRef::Kind::primitive) return type.name == "number" || type.name == "boolean";
  if (type.kind == TypeRef::Kind::named) return types_.type(type.name).kind == Type::Kind::enum_;
  return false;
}

bool Analysis::all_optional_struct(const TypeRef& type) const {
  if (type.kind != TypeRef::Kind::named) return false;
  const Type& t = types_.type(type.name);
  if (t.kind != Type::Kind::struct_) return false;
  const auto fields = struct_fields(t.fqn);
  return std::all_of(fields.begin(), fields.end(), [](const Property* p) { return p->optional; });
}

std::string Analysis::parameter_type(const Parameter& p) const {
  const std::string type = cpp(p.type);
  if (p.variadic) return "const std::vector<" + type + ">&";
  if (p.optional)
    return all_optional_struct(p.type) ? "const " + type + "&" : "const std::optional<" + type + ">&";
  return by_value(p.type) ? type : "const " + type + "&";
}

std::string Analysis::parameter(const Parameter& p) const {
  return parameter_type(p) + " " + cpp_identifier(p.name);
}

std::set<std::string> Analysis::value_closure(const TypeRef& type) const {
  std::set<std::string> named;
  collect_named(type, named);
  std::set<std::string> out;
  std::vector<std::string> todo(named.begin(), named.end());
  while (!todo.empty()) {
    const std::string fqn = todo.back();
    todo.pop_back();
    const Type& t = types_.type(fqn);
    if (t.kind == Type::Kind::enum_ || !out.insert(fqn).second) continue;
    if (t.kind != Type::Kind::struct_) continue;
    for (const auto* field : struct_fields(fqn)) {
      std::set<std::string> inner;
      collect_named(field->type, inner);
      todo.insert(todo.end(), inner.begin(), inner.end());
    }
  }
  return out;
}

std::vector<const Property*> Analysis::struct_fields(const std::string& fqn) const {
  std::map<std::string, const Property*> fields;
  std::function<void(const std::string&)> visit = [&](const std::string& name) {
    const Type& t = types_.type(name);
    for (const auto& p : t.properties) fields.try_emplace(p.name, &p);
    for (const auto& base : t.interfaces) visit(base);
  };
  visit(fqn);
  std::vector<const Property*> out;
  out.reserve(fields.size());
  for (const auto& [name, p] : fields) out.push_back(p);
  return out;
}

const std::vector<Member>& Analysis::members(const std::string& fqn) const {
  static const std::vector<Member> none;
  const auto it = members_.find(fqn);
  return it == members_.end() ? none : it->second;
}

std::vector<std::string> Analysis::all_interfaces(const std::string& fqn) const {
  std::set<std::string> out;
  std::function<void(const std::string&)> visit = [&](const std::string& name) {
    const Type* t = types_.find(name);
    if (t == nullptr) return;
    for (const auto& i : t->interfaces) {
      if (out.insert(i).second) visit(i);
    }
    if (t->base) visit(*t->base);
  };
  visit(fqn);
  return {out.begin(), out.end()};
}

void Analysis::compute_members(const Type& type) {
  if (members_.contains(type.fqn)) return;
  if (type.kind == Type::Kind::struct_ || type.kind == Type::Kind::enum_) return;
  std::vector<Member> out;
  std::set<std::string> names;
  auto own = [&](const Type& t, std::vector<Member>& into) {
    for (const auto& p : t.properties) into.push_back(Member{&p, nullptr, t.fqn});
    for (const auto& m : t.methods) {
      // A static async method cannot be called: the kernel's `begin` only takes an object.
      if (!(m.is_async && m.is_static)) into.push_back(Member{nullptr, &m, t.fqn});
    }
  };
  if (type.kind == Type::Kind::interface) {
    std::vector<std::string> order{type.fqn};
    std::set<std::string> seen{type.fqn};
    for (std::size_t i = 0; i < order.size(); ++i) {
      const Type& t = types_.type(order[i]);
      std::vector<Member> declared;
      own(t, declared);
      for (auto& m : declared) {
        if (names.insert(m.name()).second) out.push_back(m);
      }
      for (const auto& base : t.interfaces) {
        if (seen.insert(base).second) order.push_back(base);
      }
    }
    members_[type.fqn] = std::move(out);
    return;
  }
  // Classes: what the jsii class declares, minus members C++ cannot redeclare (a different return type for
  // the same parameters, or static against instance), plus interface members it implements without declaring.
  std::map<std::string, std::pair<const Member*, std::string>> inherited;  // name -> (member, signature)
  auto signature = [&](const Member& m) {
    std::string s = m.is_static() ? "static " : "";
    if (m.property != nullptr) return s + "property " + cpp_optional(m.property->type, m.property->optional);
    s += "method(";
    for (const auto& p : m.method->parameters) s += parameter_type(p) + ",";
    s += ")";
    return s + (m.method->returns ? cpp_optional(*m.method->returns, m.method->returns_optional) : "void");
  };
  if (type.base) {
    const Type* base = types_.find(*type.base);
    for (std::string b = type.base.value(); base != nullptr;) {
      compute_members(*base);
      for (const auto& m : members_[b]) inherited.try_emplace(m.name(), &m, signature(m));
      if (!base->base) break;
      b = *base->base;
      base = types_.find(b);
    }
  }
  std::vector<Member> declared;
  own(type, declared);
  for (auto& m : declared) {
    const auto it = inherited.find(m.name());
    if (it != inherited.end() && it->second.second != signature(m)) continue;
    if (names.insert(m.name()).second) out.push_back(m);
  }
  for (const auto& iface : all_interfaces(type.fqn)) {
    const Type* t = types_.find(iface);
    if (t == nullptr) continue;
    compute_members(*t);
    for (const auto& m : members_[iface]) {
      if (m.declared_in != iface) continue;
      if (names.contains(m.name()) || inherited.contains(m.name())) continue;
      names.insert(m.name());
      out.push_back(m);
    }
  }
  members_[type.fqn] = std::move(out);
}

std::vector<std::string> Analysis::must_override(const std::string& fqn) const {
  const Type& type = types_.type(fqn);
  std::vector<std::string> out;
  if (type.kind == Type::Kind::interface) {
    for (const auto& m : members(fqn)) {
      if (m.method != nullptr || !m.property->optional) out.push_back(m.name());
    }
    return out;
  }
  if (!type.is_abstract) return out;
  std::set<std::string> decided;
  for (const Type* t = &type; t != nullptr; t = t->base ? types_.find(*t->base) : nullptr) {
    for (const auto& m : members(t->fqn)) {
      if (m.is_static() || !decided.insert(m.name()).second) continue;
      const bool is_abstract = m.property != nullptr ? m.property->is_abstract : m.method->is_abstract;
      const bool from_interface = types_.type(m.declared_in).kind == Type::Kind::interface;
      if (is_abstract || from_interface) out.push_back(m.name());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Analysis::add_complete_refs(const TypeRef& type, bool in_container, std::set<std::string>& out) const {
  switch (type.kind) {
    case TypeRef::Kind::primitive:
      return;
    case TypeRef::Kind::named:
      if (!in_container && types_.type(type.name).kind != Type::Kind::enum_) out.insert(type.name);
      return;
    case TypeRef::Kind::array:
    case TypeRef::Kind::map:
      for (const auto& item : type.items) add_complete_refs(item, true, out);
      return;
    case TypeRef::Kind::union_:
      // std::variant needs its alternatives complete even inside a container (libstdc++ computes their
      // traits).
      for (const auto& item : type.items) add_complete_refs(item, false, out);
      return;
  }
}

void Analysis::compute_complete_edges() {
  // A definition needs complete: its base class; for a struct, the types its fields hold by value.
  for (const auto& [fqn, type] : types_.types()) {
    auto& need = mandatory_[fqn];
    if (type.kind == Type::Kind::class_ && type.base) need.insert(*type.base);
    // Overload resolution of a derived class's `Base(tag, object)` considers every Base constructor, and
    // checking a `std::optional<Handle>` parameter instantiates it: those handles must be complete.
    if (type.kind == Type::Kind::class_ && type.initializer) {
      for (const auto& p : type.initializer->parameters) {
        std::set<std::string> complete;
        add_complete_refs(p.type, false, complete);
        for (const auto& c : complete) {
          if (types_.type(c).kind != Type::Kind::struct_ && (p.optional || p.variadic)) need.insert(c);
        }
      }
      need.erase(fqn);
    }
    if (type.kind == Type::Kind::struct_) {
      for (const auto* field : struct_fields(fqn)) add_complete_refs(field->type, false, need);
      if (need.erase(fqn) > 0) boxed_.insert({fqn, fqn});  // holds itself (e.g. JsonSchema | JsonSchema[])
    }
  }
  // Structs containing each other by value: hold the other in a jsii::Box (an edge inside a cycle).
  const auto cycles = components(mandatory_);
  for (auto& [from, targets] : mandatory_) {
    for (auto it = targets.begin(); it != targets.end();) {
      if (types_.type(from).kind == Type::Kind::struct_ && cycles.at(from) == cycles.at(*it)) {
        boxed_.insert({from, *it});
        it = targets.erase(it);
      } else {
        ++it;
      }
    }
  }
  const auto component = components(mandatory_);
  std::map<int, std::vector<std::string>> groups;
  for (const auto& [fqn, c] : component) groups[c].push_back(fqn);
  for (const auto& [c, fqns] : groups) {
    if (fqns.size() > 1) {
      std::string list;
      for (const auto& f : fqns) list += "\n  " + f;
      throw AssemblyError("these types contain each other by value, which C++ cannot express:" + list);
    }
  }
}

std::set<std::string> Analysis::needs_complete(const std::string& fqn) const {
  std::set<std::string> out;
  if (const auto it = mandatory_.find(fqn); it != mandatory_.end()) out = it->second;
  out.erase(fqn);
  return out;
}

std::set<std::string> Analysis::mentions(const std::string& fqn) const {
  const Type& type = types_.type(fqn);
  std::set<std::string> out;
  if (type.base) out.insert(*type.base);
  for (const auto& i : type.interfaces) out.insert(i);
  if (type.kind == Type::Kind::struct_) {
    for (const auto* field : struct_fields(fqn)) collect_named(field->type, out);
  }
  if (type.initializer) {
    for (const auto& p : type.initializer->parameters) collect_named(p.type, out);
  }
  for (const auto& m : members(fqn)) {
    if (m.property != nullptr) collect_named(m.property->type, out);
    if (m.method != nullptr) {
      for (const auto& p : m.method->parameters) collect_named(p.type, out);
      if (m.method->returns) collect_named(*m.method->returns, out);
    }
  }
  // Classes and interfaces list every interface they implement; structs convert to every struct they extend.
  for (const auto& i : all_interfaces(fqn)) out.insert(i);
  // Making or copying a handle of a class resolves overloads among its constructors, which instantiates any
  // `std::optional<Struct>` parameter: code that mentions the class needs those structs' definitions.
  // (`out` already holds the base class.)
  std::set<std::string> constructor_structs = optional_struct_parameters(fqn);
  for (const auto& mentioned : out) {
    const auto& structs = optional_struct_parameters(mentioned);
    constructor_structs.insert(structs.begin(), structs.end());
  }
  out.insert(constructor_structs.begin(), constructor_structs.end());
  out.erase(fqn);
  return out;
}

void Analysis::compute_optional_struct_parameters() {
  // Once per class: `mentions` asks for every type a declaration names.
  for (const auto& [fqn, type] : types_.types()) {
    if (type.kind != Type::Kind::class_ || !type.initializer) continue;
    for (const auto& p : type.initializer->parameters) {
      // An optional all-optional struct is passed as `const S&` (defaulting to `{}`), not as an optional.
      if (!p.optional || all_optional_struct(p.type)) continue;
      std::set<std::string> complete;
      add_complete_refs(p.type, false, complete);
      for (const auto& c : complete) {
        if (types_.type(c).kind == Type::Kind::struct_) optional_struct_parameters_[fqn].insert(c);
      }
    }
  }
}

const std::set<std::string>& Analysis::optional_struct_parameters(const std::string& fqn) const {
  static const std::set<std::string> kNone;
  const auto it = optional_struct_parameters_.find(fqn);
  return it == optional_struct_parameters_.end() ? kNone : it->second;
}

bool Analysis::tag_constructors_out_of_line(const std::string& fqn) const {
  const Type& type = types_.type(fqn);
  return type.kind == Type::Kind::class_ && type.base && !optional_struct_parameters(*type.base).empty();
}

}  // namespace jsii_codegen
