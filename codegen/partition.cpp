#include "partition.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <stdexcept>

namespace jsii_codegen {
namespace {

/// Rough compile cost of a type's generated code: its members, or its fields.
std::size_t weight(const Analysis& a, const Type& t) {
  switch (t.kind) {
    case Type::Kind::struct_:
      return 2 + a.struct_fields(t.fqn).size();
    case Type::Kind::enum_:
      return 2;
    default:
      return 4 + 3 * a.members(t.fqn).size();
  }
}

/// A type's family within its module: its outermost enclosing type, with `XProps` joined to `X`
/// (`CfnBucket`, `CfnBucket.CorsRuleProperty` and `CfnBucketProps` are one family). A family's code is
/// usually used together, so it shares one part.
std::string family_of(const Module& module, const std::set<std::string>& module_types,
                      const std::string& fqn) {
  std::string name = fqn.substr(module.fqn.size() + 1);
  name = name.substr(0, name.find('.'));
  constexpr std::string_view props = "Props";
  if (name.size() > props.size() && name.ends_with(props)) {
    std::string owner = name.substr(0, name.size() - props.size());
    if (module_types.contains(module.fqn + "." + owner)) return owner;
  }
  return name;
}

/// Who uses a family, which decides the parts it may share: families other modules use stay apart from
/// families only their own module uses, and both from families nothing else uses (L1 `Cfn*` resources,
/// mostly), so that reaching one of them does not compile the others.
enum class Reach { other_modules = 0, own_module = 1, none = 2 };

}  // namespace

Partition::Partition(const Analysis& a, std::size_t batch_weight) : analysis_(a) {
  const Assembly& assembly = a.types().root();
  // (module fqn, family) of every type of the assembly.
  std::map<std::string, std::pair<std::string, std::string>> family;
  for (const auto& [module_fqn, module] : assembly.modules) {
    const std::set<std::string> module_types(module.types.begin(), module.types.end());
    for (const auto& fqn : module.types) family[fqn] = {module_fqn, family_of(module, module_types, fqn)};
  }
  std::map<std::pair<std::string, std::string>, Reach> reach;
  for (const auto& [fqn, user] : family) {
    for (const auto& used : a.mentions(fqn)) {
      const auto it = family.find(used);
      if (it == family.end() || it->second == user) continue;
      const Reach r = it->second.first == user.first ? Reach::own_module : Reach::other_modules;
      auto [slot, inserted] = reach.try_emplace(it->second, r);
      if (!inserted) slot->second = std::min(slot->second, r);
    }
  }

  for (const auto& [module_fqn, module] : assembly.modules) {
    // Types grouped by reach, then family (module.types is sorted, so families stay in name order).
    std::map<std::pair<Reach, std::string>, std::vector<const Type*>> groups;
    for (const auto& fqn : module.types) {
      const auto& key = family.at(fqn);
      const auto it = reach.find(key);
      groups[{it == reach.end() ? Reach::none : it->second, key.second}].push_back(&a.types().type(fqn));
    }
    std::vector<std::vector<const Type*>> batches;
    std::size_t batch_weight_so_far = 0;
    std::optional<Reach> batch_reach;
    for (const auto& [key, types] : groups) {
      std::vector<std::size_t> weights;
      std::size_t family_weight = 0;
      for (const Type* t : types) family_weight += weights.emplace_back(weight(a, *t));
      const bool fits = batch_weight_so_far + family_weight <= batch_weight;
      if (batches.empty() || batch_reach != key.first || !fits) {
        batches.emplace_back();
        batch_weight_so_far = 0;
        batch_reach = key.first;
      }
      for (std::size_t i = 0; i < types.size(); ++i) {
        // A family bigger than a batch is split.
        if (batch_weight_so_far > 0 && batch_weight_so_far + weights[i] > batch_weight) {
          batches.emplace_back();
          batch_weight_so_far = 0;
        }
        batches.back().push_back(types[i]);
        batch_weight_so_far += weights[i];
      }
    }
    auto& parts = parts_[module_fqn];
    const std::string target_prefix = module.target + "__p";
    const std::string file_prefix =
        module.dir + "/" + std::filesystem::path(module.dir).filename().string() + "_";
    for (auto& types : batches) {
      const std::size_t i = parts.size();
      const std::string number = (i < 10 ? "0" : "") + std::to_string(i);
      std::string file = file_prefix;
      file += number;
      file += ".cpp";
      parts.push_back({target_prefix + number, std::move(file), std::move(types)});
    }
    // The module's parts are final: their addresses stay valid.
    for (const Part& part : parts) {
      for (const Type* t : part.types) index_[t->fqn] = &part;
    }
  }
}

const std::vector<Part>& Partition::parts(const std::string& module_fqn) const {
  return parts_.at(module_fqn);
}

const Part& Partition::part_of(const std::string& fqn) const {
  const auto it = index_.find(fqn);
  if (it == index_.end()) throw std::logic_error("no part holds " + fqn);
  return *it->second;
}

std::set<std::string> Partition::links(const Part& part, const std::set<std::string>& referenced) const {
  const TypeSystem& types = analysis_.types();
  std::set<std::string> out;
  for (const auto& fqn : referenced) {
    const Type& type = types.type(fqn);
    if (type.assembly == types.root().name)
      out.insert(part_of(fqn).target);
    else
      out.insert(types.assembly(type.assembly).modules.at(type.module).target);
  }
  out.erase(part.target);
  return out;
}

}  // namespace jsii_codegen
