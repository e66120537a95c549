// The jsii type system as the generator sees it: every type of an assembly and of its dependencies, read once
// from the assembly JSON into plain structs.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace jsii_codegen {

struct TypeRef {
  enum class Kind { primitive, named, array, map, union_ };
  Kind kind = Kind::primitive;
  std::string name;  ///< primitive name (`string`, `number`, `boolean`, `date`, `json`, `any`) or fqn
  std::vector<TypeRef> items;  ///< element type (array, map) or alternatives (union)
};

struct Docs {
  std::string summary;
  std::string remarks;
  std::string default_value;
  std::string see;
  std::string returns;
  std::optional<std::string> deprecated;  ///< set (maybe empty) when deprecated
};

struct Parameter {
  std::string name;
  TypeRef type;
  bool optional = false;
  bool variadic = false;
  Docs docs;
};

struct Property {
  std::string name;
  TypeRef type;
  bool optional = false;
  bool immutable = false;
  bool is_static = false;
  bool is_const = false;
  bool is_protected = false;
  bool is_abstract = false;
  Docs docs;
};

struct Method {
  std::string name;
  std::vector<Parameter> parameters;
  std::optional<TypeRef> returns;
  bool returns_optional = false;
  bool is_static = false;
  bool is_protected = false;
  bool is_abstract = false;
  bool is_async = false;
  Docs docs;
};

struct Initializer {
  std::vector<Parameter> parameters;
  bool is_protected = false;
  Docs docs;
};

struct EnumMember {
  std::string name;
  Docs docs;
};

struct Type {
  enum class Kind { class_, interface, struct_, enum_ };
  Kind kind = Kind::class_;
  std::string fqn;
  std::string assembly;
  std::string module;               ///< the submodule fqn it belongs to (the assembly name for the root)
  std::string name;                 ///< C++ type name (nested types joined with `_`)
  std::string cpp;                  ///< fully qualified C++ name, with a leading `::`
  std::string header;               ///< include path, e.g. `aws_cdk_lib/aws_s3/Bucket.hpp`
  std::string definition;           ///< the definition alone, e.g. `aws_cdk_lib/aws_s3/detail/Bucket.hpp`
  std::optional<std::string> base;  ///< base class fqn
  std::vector<std::string> interfaces;
  bool is_abstract = false;
  std::optional<Initializer> initializer;
  std::vector<Property> properties;
  std::vector<Method> methods;
  std::vector<EnumMember> members;
  Docs docs;
};

struct Module {
  std::string fqn;                 ///< `aws-cdk-lib.aws_s3`, or the assembly name for the root
  std::string cpp;                 ///< `aws_cdk_lib::aws_s3`
  std::string dir;                 ///< `aws_cdk_lib/aws_s3`
  std::string target;              ///< CMake target `aws_cdk_lib__aws_s3`
  std::string alias;               ///< CMake alias `aws_cdk_lib::aws_s3` (`aws_cdk_lib::core` for the root)
  std::vector<std::string> types;  ///< fqns, sorted
};

struct Assembly {
  std::string name;
  std::string version;
  std::filesystem::path package_dir;
  std::vector<std::string> dependencies;  ///< jsii dependencies (names), sorted
  std::map<std::string, Module> modules;  ///< by module fqn
};

/// The installed package `name` as seen from `from` (node's lookup: node_modules folders up the tree), or
/// empty.
std::filesystem::path find_package_dir(const std::filesystem::path& from, const std::string& name);
/// The jsii packages a package depends on (`dependencies` and `peerDependencies` with a `.jsii`), sorted.
std::vector<std::pair<std::string, std::filesystem::path>> jsii_dependencies(
    const std::filesystem::path& package_dir);

/// Every type of the assembly being generated and of its jsii dependencies (transitively).
class TypeSystem {
 public:
  /// Reads `package_dir` and the assemblies it depends on (found in `node_modules` folders up the tree).
  static TypeSystem load(const std::filesystem::path& package_dir);

  [[nodiscard]] const Assembly& root() const { return *assemblies_.at(root_); }
  [[nodiscard]] const Assembly& assembly(const std::string& name) const;
  [[nodiscard]] const Type* find(const std::string& fqn) const;
  [[nodiscard]] const Type& type(const std::string& fqn) const;
  [[nodiscard]] const std::map<std::string, std::unique_ptr<Assembly>>& assemblies() const {
    return assemblies_;
  }
  [[nodiscard]] const std::map<std::string, Type>& types() const { return types_; }

 private:
  void read(const std::filesystem::path& package_dir, bool is_root);
  std::string root_;
  std::map<std::string, std::unique_ptr<Assembly>> assemblies_;
  std::map<std::string, Type> types_;
};

}  // namespace jsii_codegen
