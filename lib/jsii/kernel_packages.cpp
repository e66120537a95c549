// jsii::Kernel, part 3 of 3: loading jsii packages (tarballs named by the packages manifest, dependencies
// first) into the kernel.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <jsii/kernel.hpp>

#include "config.hpp"
#include "kernel_session.hpp"
#include "kernel_shared.hpp"

namespace fs = std::filesystem;

namespace jsii {
namespace {

using namespace std::chrono_literals;

/// A load slower than this means the kernel parsed the assembly instead of using its runtime index.
constexpr auto kSlowLoad = 250ms;

}  // namespace

using detail::env_or;
using detail::LoadedPackage;
using detail::ManifestEntry;

int Kernel::load(std::string_view name, std::string_view version, std::string_view tarball) {
  const std::lock_guard lock(shared_->mutex);
  const std::string call = "load " + std::string(name) + "@" + std::string(version);
  if (const auto it = session_->loaded.find(name); it != session_->loaded.end()) {
    if (it->second.version == version) return it->second.types;
    throw Error(call + ": version " + it->second.version +
                " is already loaded; one process holds one version");
  }
  if (!fs::exists(tarball)) {
    throw Error(
        call + ": tarball " + std::string(tarball) +
        " does not exist. Run scripts/setup.sh (it packs the jsii packages into build/jsii-deps/tarballs).");
  }
  const auto began = std::chrono::steady_clock::now();
  const Json result = exchange(Json{{"api", "load"},
                                    {"name", std::string(name)},
                                    {"version", std::string(version)},
                                    {"tarball", fs::absolute(tarball).string()}},
                               call);
  const auto took = std::chrono::steady_clock::now() - began;
  LoadedPackage package{std::string(version), result.value("types", 0), took >= kSlowLoad};
  session_->loaded.emplace(std::string(name), package);
  return package.types;
}

void Kernel::load_package(std::string_view name) {
  if (!try_load_package(name)) {
    throw Error("jsii package '" + std::string(name) + "' is not in the packages manifest (" +
                env_or("JSII_CPP_PACKAGES", JSII_CPP_DEFAULT_PACKAGES) +
                "); add it to package.json dependencies and re-run scripts/setup.sh");
  }
}

bool Kernel::try_load_package(std::string_view name) {
  const std::lock_guard lock(shared_->mutex);
  auto& s = *session_;
  if (s.loaded.contains(name)) return true;
  if (!s.manifest) {
    const std::string path = env_or("JSII_CPP_PACKAGES", JSII_CPP_DEFAULT_PACKAGES);
    std::ifstream in(path);
    if (!in) return false;
    const Json doc = Json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || !doc.contains("packages") || !doc["packages"].is_array()) {
      throw Error("jsii packages manifest " + path + " is not valid (expected {\"packages\": [...]})");
    }
    std::map<std::string, ManifestEntry, std::less<>> entries;
    for (const auto& p : doc["packages"]) {
      entries[p.value("name", "")] = ManifestEntry{p.value("version", ""), p.value("tarball", ""),
                                                   p.value("dependencies", std::vector<std::string>{})};
    }
    s.manifest = std::move(entries);
  }
  const auto it = s.manifest->find(name);
  if (it == s.manifest->end()) return false;
  const ManifestEntry entry = it->second;  // copy: the recursion below re-enters this function
  for (const auto& dependency : entry.dependencies) load_package(dependency);
  (void)load(name, entry.version, entry.tarball);
  return true;
}

}  // namespace jsii
