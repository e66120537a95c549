// How a module's types are split into parts: one generated .cpp and one static library each. A part links
// only the parts whose types its code uses, so an app compiles the types its modules' code can reach, not
// every module those modules mention (see docs/decisions/0009-parts.md).
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis.hpp"

namespace jsii_codegen {

struct Part {
  std::string target;  ///< CMake target, e.g. `aws_cdk_lib__aws_s3__p03`
  std::string file;    ///< source path under src/, e.g. `aws_cdk_lib/aws_s3/aws_s3_03.cpp`
  std::vector<const Type*> types;
};

/// Splits the modules of the analysed (root) assembly into parts.
class Partition {
 public:
  Partition(const Analysis& analysis, std::size_t batch_weight);
  Partition(const Partition&) = delete;  // index_ points into parts_
  Partition& operator=(const Partition&) = delete;

  /// The parts of a module of the root assembly, in file order.
  [[nodiscard]] const std::vector<Part>& parts(const std::string& module_fqn) const;
  /// The part that defines a type of the root assembly.
  [[nodiscard]] const Part& part_of(const std::string& fqn) const;
  /// The CMake targets a part links, given the types its code uses (`referenced_types`): their parts, or for
  /// types of other assemblies their module's target.
  [[nodiscard]] std::set<std::string> links(const Part& part, const std::set<std::string>& referenced) const;

 private:
  const Analysis& analysis_;
  std::map<std::string, std::vector<Part>> parts_;  // module fqn -> parts
  std::map<std::string, const Part*> index_;        // type fqn -> its part
};

}  // namespace jsii_codegen
