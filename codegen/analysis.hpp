// What the generator derives from the type system before writing anything: C++ spellings of jsii types, the
// members each generated type declares, and which headers must include which (so that includes never form a
// cycle that needs a type before it is defined).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "model.hpp"

namespace jsii_codegen {

/// A property or method as one generated type declares it.
struct Member {
  const Property* property = nullptr;  ///< exactly one of property / method is set
  const Method* method = nullptr;
  std::string declared_in;  ///< fqn of the jsii type that declared it
  [[nodiscard]] const std::string& name() const {
    return property != nullptr ? property->name : method->name;
  }
  [[nodiscard]] bool is_static() const {
    return property != nullptr ? property->is_static : method->is_static;
  }
  [[nodiscard]] bool is_protected() const {
    return property != nullptr ? property->is_protected : method->is_protected;
  }
};

class Analysis {
 public:
  explicit Analysis(const TypeSystem& types);

  [[nodiscard]] const TypeSystem& types() const { return types_; }

  /// `std::string`, `double`, `::aws_cdk_lib::aws_s3::IBucket`, `std::vector<...>`, `std::variant<...>`...
  [[nodiscard]] std::string cpp(const TypeRef& type) const;
  [[nodiscard]] std::string cpp_optional(const TypeRef& type, bool optional) const;
  /// A struct field's type: as `cpp`, with `jsii::Box<T>` where the field's struct and T contain each other.
  [[nodiscard]] std::string field_cpp(const std::string& owner, const Property& field) const;
  /// Passed by value (numbers, booleans, enums) rather than by const reference.
  [[nodiscard]] bool by_value(const TypeRef& type) const;
  /// A struct all of whose fields are optional: an optional parameter of it defaults to `{}`.
  [[nodiscard]] bool all_optional_struct(const TypeRef& type) const;

  /// A parameter as declared (`const std::string& id`, `const BucketProps& props`).
  [[nodiscard]] std::string parameter(const Parameter& p) const;
  /// The parameter's type alone, as in a function type (`const std::string&`).
  [[nodiscard]] std::string parameter_type(const Parameter& p) const;
  /// Whether the trailing optional parameters from index `i` on may have default arguments.
  [[nodiscard]] std::vector<bool> defaults(const std::string& owner,
                                           const std::vector<Parameter>& params) const;

  /// Struct fields, inherited ones included, in alphabetical order.
  [[nodiscard]] std::vector<const Property*> struct_fields(const std::string& fqn) const;
  /// Members a generated class or interface declares (see docs/bindings.md for the rules).
  [[nodiscard]] const std::vector<Member>& members(const std::string& fqn) const;
  /// Every interface a class or interface implements, transitively (its bases' included), sorted.
  [[nodiscard]] std::vector<std::string> all_interfaces(const std::string& fqn) const;
  /// Abstract members a C++ subclass must override (classes: abstract and not implemented in the chain;
  /// interfaces: methods and required properties).
  [[nodiscard]] std::vector<std::string> must_override(const std::string& fqn) const;

  /// Types (not enums) that must be complete to make and destroy a value of `type`: structs bring their
  /// fields'.
  [[nodiscard]] std::set<std::string> value_closure(const TypeRef& type) const;
  /// Headers a type's header includes before its definition (types it needs complete), sorted.
  [[nodiscard]] std::set<std::string> needs_complete(const std::string& fqn) const;
  /// Named types (fqns) mentioned anywhere in a type's declarations.
  [[nodiscard]] std::set<std::string> mentions(const std::string& fqn) const;
  /// Whether a class's tag constructors (`FromRef`, `NoInit`) are defined in its source rather than inline:
  /// overload resolution of `Base(tag, ...)` checks every constructor of the base, and a base constructor
  /// taking `std::optional<Struct>` instantiates it, which needs the struct complete, which the class's
  /// header cannot always have (aws_bedrockagentcore's `ToolSchema(std::optional<aws_s3::Location>, ...)`).
  [[nodiscard]] bool tag_constructors_out_of_line(const std::string& fqn) const;
  /// Structs a class's constructor takes as `std::optional` parameters: overload resolution among its
  /// constructors instantiates `std::optional` of them, so code that makes or copies the class needs them.
  [[nodiscard]] const std::set<std::string>& optional_struct_parameters(const std::string& fqn) const;

 private:
  void compute_members(const Type& type);
  void compute_complete_edges();
  void compute_optional_struct_parameters();
  void add_complete_refs(const TypeRef& type, bool in_container, std::set<std::string>& out) const;
  [[nodiscard]] std::string spell(const TypeRef& type, const std::string& owner) const;

  const TypeSystem& types_;
  std::map<std::string, std::vector<Member>> members_;
  std::map<std::string, std::set<std::string>> mandatory_;  // fqn -> fqns it needs complete
  std::set<std::pair<std::string, std::string>> boxed_;     // (struct, field type) held in a jsii::Box
  std::map<std::string, std::set<std::string>> optional_struct_parameters_;  // class fqn -> structs
};

/// Every named type (fqn) in a type reference.
void collect_named(const TypeRef& type, std::set<std::string>& out);

}  // namespace jsii_codegen
