// Reading jsii assemblies (`.jsii`, following `jsii/file-redirect` to `.jsii.gz`) from installed npm
// packages.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace jsii_codegen {

/// Thrown for anything wrong with an assembly on disk; the message names the file.
class AssemblyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Loads `<package_dir>/.jsii`, following redirects (they may chain; at most 8) and gunzipping as they say.
nlohmann::json load_assembly(const std::filesystem::path& package_dir);

/// Decompresses gzip data; throws AssemblyError naming `what` on corrupt input.
std::string gunzip(const std::string& compressed, const std::string& what);

}  // namespace jsii_codegen
