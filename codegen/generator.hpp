// Writes the bindings of one assembly: headers, batched sources, a CMake fragment with one target per
// submodule, and the type list jsii::cast reads. Files whose content is unchanged are not touched, so an
// unchanged assembly rebuilds nothing.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

#include "analysis.hpp"

namespace jsii_codegen {

struct GenerateOptions {
  std::filesystem::path out;  ///< output root: include/, src/, bindings.cmake, jsii-types.txt
  std::string tarball;        ///< the npm tarball the loader falls back to when no manifest lists the package
  /// Rough size of one generated .cpp (a part), in members and fields: bounds each compiler's time and
  /// memory. Each source costs ~2.4 s before its own code (precompiled header, definition headers), so parts
  /// are large; 1200 keeps a compiler under ~1.1 GB.
  std::size_t batch_weight = 1200;
  std::function<void(const std::string&)> progress;  ///< progress lines (none when empty)
};

struct GenerateResult {
  std::size_t types = 0;
  std::size_t modules = 0;
  std::size_t written = 0;
  std::size_t unchanged = 0;
  std::size_t removed = 0;
};

GenerateResult generate(const Analysis& analysis, const GenerateOptions& options);

}  // namespace jsii_codegen
