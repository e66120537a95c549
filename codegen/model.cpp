#include "model.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "assembly.hpp"
#include "naming.hpp"

namespace jsii_codegen {
namespace {

using Json = nlohmann::json;

std::string str(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool flag(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

TypeRef type_ref(const Json& json, const std::string& where) {
  TypeRef ref;
  if (json.contains("primitive")) {
    ref.kind = TypeRef::Kind::primitive;
    ref.name = str(json, "primitive");
  } else if (json.contains("fqn")) {
    ref.kind = TypeRef::Kind::named;
    ref.name = str(json, "fqn");
  } else if (json.contains("collection")) {
    const auto& collection = json["collection"];
    ref.kind = str(collection, "kind") == "map" ? TypeRef::Kind::map : TypeRef::Kind::array;
    ref.items.push_back(type_ref(collection.at("elementtype"), where));
  } else if (json.contains("union") || json.contains("intersection")) {
    ref.kind = TypeRef::Kind::union_;
    const auto& types = json.contains("union") ? json["union"].at("types") : json["intersection"].at("types");
    for (const auto& item : types) ref.items.push_back(type_ref(item, where));
    // An intersection (`A & B`) is passed as its first type: C++ has no intersection of handles.
    if (json.contains("intersection")) ref = TypeRef(ref.items.front());
  } else {
    throw AssemblyError(where + ": unknown type reference " + json.dump());
  }
  return ref;
}

Docs docs_of(const Json& owner) {
  Docs docs;
  const auto it = owner.find("docs");
  if (it == owner.end()) return docs;
  docs.summary = str(*it, "summary");
  docs.remarks = str(*it, "remarks");
  docs.default_value = str(*it, "default");
  docs.see = str(*it, "see");
  docs.returns = str(*it, "returns");
  if (it->contains("deprecated")) docs.deprecated = str(*it, "deprecated");
  return docs;
}

std::vector<Parameter> parameters_of(const Json& owner, const std::string& where) {
  std::vector<Parameter> out;
  for (const auto& p : owner.value("parameters", Json::array())) {
    out.push_back(Parameter{str(p, "name"), type_ref(p.at("type"), where), flag(p, "optional"),
                            flag(p, "variadic"), docs_of(p)});
  }
  return out;
}

}  // namespace

std::filesystem::path find_package_dir(const std::filesystem::path& from, const std::string& name) {
  for (auto dir = std::filesystem::absolute(from); !dir.empty(); dir = dir.parent_path()) {
    auto candidate = dir / "node_modules";
    candidate /= name;
    if (std::filesystem::exists(candidate / "package.json")) return candidate;
    if (dir == dir.parent_path()) break;
  }
  return {};
}

std::vector<std::pair<std::string, std::filesystem::path>> jsii_dependencies(
    const std::filesystem::path& package_dir) {
  std::ifstream in(package_dir / "package.json");
  if (!in) throw AssemblyError("cannot read " + (package_dir / "package.json").string());
  const Json manifest = Json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!manifest.is_object())
    throw AssemblyError((package_dir / "package.json").string() + " is not valid JSON");
  std::set<std::string> names;
  for (const char* key : {"dependencies", "peerDependencies"}) {
    const Json section = manifest.value(key, Json::object());
    for (const auto& [name, unused] : section.items()) names.insert(name);
  }
  std::vector<std::pair<std::string, std::filesystem::path>> out;
  for (const auto& name : names) {
    const auto dir = find_package_dir(package_dir, name);
    if (!dir.empty() && std::filesystem::exists(dir / ".jsii")) out.emplace_back(name, dir);
  }
  return out;
}

TypeSystem TypeSystem::load(const std::filesystem::path& package_dir) {
  TypeSystem system;
  system.read(package_dir, true);
  return system;
}

const Assembly& TypeSystem::assembly(const std::string& name) const {
  const auto it = assemblies_.find(name);
  if (it == assemblies_.end()) throw AssemblyError("assembly " + name + " is not loaded");
  return *it->second;
}

const Type* TypeSystem::find(const std::string& fqn) const {
  const auto it = types_.find(fqn);
  return it == types_.end() ? nullptr : &it->second;
}

const Type& TypeSystem::type(const std::string& fqn) const {
  const Type* found = find(fqn);
  if (found == nullptr)
    throw AssemblyError("type " + fqn + " is referenced but not defined in any loaded assembly");
  return *found;
}

void TypeSystem::read(const std::filesystem::path& package_dir, bool is_root) {
  const Json doc = load_assembly(package_dir);
  auto assembly = std::make_unique<Assembly>();
  assembly->name = str(doc, "name");
  assembly->version = str(doc, "version");
  assembly->package_dir = std::filesystem::absolute(package_dir);
  if (is_root) root_ = assembly->name;
  if (assemblies_.contains(assembly->name)) return;

  std::set<std::string, std::less<>> submodules;
  const Json submodule_map = doc.value("submodules", Json::object());  // a named copy: items() does not own
  for (const auto& [fqn, unused] : submodule_map.items()) submodules.insert(fqn);
  const std::string ns = namespace_for_assembly(assembly->name);
  auto module_for = [&](const std::string& fqn) -> Module& {
    auto [it, inserted] = assembly->modules.try_emplace(fqn);
    if (inserted) {
      Module& m = it->second;
      m.fqn = fqn;
      std::string rest = fqn.size() > assembly->name.size() ? fqn.substr(assembly->name.size() + 1) : "";
      m.cpp = ns;
      m.dir = ns;
      m.target = ns;
      for (std::size_t start = 0; !rest.empty() && start <= rest.size();) {
        const auto dot = rest.find('.', start);
        const std::string part =
            rest.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        m.cpp += "::" + cpp_identifier(part);
        m.dir += "/" + part;
        m.target += "__" + part;
        if (dot == std::string::npos) break;
        start = dot + 1;
      }
      if (rest.empty()) {
        m.target += "__core";
        m.alias = ns + "::core";
      } else {
        m.alias = m.cpp;
      }
    }
    return it->second;
  };
  module_for(assembly->name);

  for (const auto& [fqn, json] : doc.at("types").items()) {
    Type t;
    t.fqn = fqn;
    t.assembly = assembly->name;
    const std::string kind = str(json, "kind");
    t.kind = kind == "class"          ? Type::Kind::class_
             : kind == "enum"         ? Type::Kind::enum_
             : flag(json, "datatype") ? Type::Kind::struct_
                                      : Type::Kind::interface;
    // The module: the longest submodule prefixing the fqn.
    std::string module = assembly->name;
    for (const auto& submodule : submodules) {
      if (submodule.size() > module.size() && fqn.size() > submodule.size() && fqn.starts_with(submodule) &&
          fqn[submodule.size()] == '.') {
        module = submodule;
      }
    }
    t.module = module;
    Module& m = module_for(module);
    t.name = cpp_identifier([&] {
      std::string name = fqn.substr(module.size() + 1);
      std::replace(name.begin(), name.end(), '.', '_');
      return name;
    }());
    t.cpp = "::" + m.cpp + "::" + t.name;
    t.header = m.dir + "/" + t.name + ".hpp";
    t.definition = m.dir + "/detail/" + t.name + ".hpp";
    if (json.contains("base")) t.base = str(json, "base");
    for (const auto& i : json.value("interfaces", Json::array()))
      t.interfaces.push_back(i.get<std::string>());
    t.is_abstract = flag(json, "abstract");
    if (json.contains("initializer")) {
      const auto& init = json["initializer"];
      t.initializer = Initializer{parameters_of(init, fqn), flag(init, "protected"), docs_of(init)};
    }
    for (const auto& p : json.value("properties", Json::array())) {
      t.properties.push_back(Property{str(p, "name"), type_ref(p.at("type"), fqn + "." + str(p, "name")),
                                      flag(p, "optional"), flag(p, "immutable"), flag(p, "static"),
                                      flag(p, "const"), flag(p, "protected"), flag(p, "abstract"),
                                      docs_of(p)});
    }
    for (const auto& j : json.value("methods", Json::array())) {
      Method method;
      method.name = str(j, "name");
      method.parameters = parameters_of(j, fqn + "." + method.name);
      if (j.contains("returns")) {
        method.returns = type_ref(j["returns"].at("type"), fqn + "." + method.name);
        method.returns_optional = flag(j["returns"], "optional");
      }
      method.is_static = flag(j, "static");
      method.is_protected = flag(j, "protected");
      method.is_abstract = flag(j, "abstract");
      method.is_async = flag(j, "async");
      method.docs = docs_of(j);
      t.methods.push_back(std::move(method));
    }
    for (const auto& member : json.value("members", Json::array())) {
      t.members.push_back(EnumMember{str(member, "name"), docs_of(member)});
    }
    t.docs = docs_of(json);
    m.types.push_back(fqn);
    types_.emplace(fqn, std::move(t));
  }
  for (auto& [unused, m] : assembly->modules) std::sort(m.types.begin(), m.types.end());

  std::vector<std::string> dependencies;
  const Json dependency_map = doc.value("dependencies", Json::object());
  for (const auto& [name, unused] : dependency_map.items()) dependencies.push_back(name);
  const std::filesystem::path where = assembly->package_dir;
  Assembly& self = *assembly;
  assemblies_.emplace(assembly->name, std::move(assembly));
  for (const auto& name : dependencies) {
    const auto dir = find_package_dir(where, name);
    if (dir.empty()) {
      throw AssemblyError("dependency " + name + " of " + where.string() +
                          " is not installed (looked in node_modules folders up from there)");
    }
    if (!std::filesystem::exists(dir / ".jsii")) continue;  // not a jsii package: nothing to bind
    self.dependencies.push_back(name);
    read(dir, false);
  }
}

}  // namespace jsii_codegen
