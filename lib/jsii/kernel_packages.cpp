// jsii::Kernel, part 3 of 3: loading jsii packages (tarballs named by the packages manifest, dependencies
// first) into the kernel.
#include <unistd.h>

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

/// The kernel's marker of a complete cache entry.
constexpr const char* kCompleteMarker = ".jsii-runtime-package-cache";

/// One key part as the kernel's DiskCache spells it in a path: runs of characters outside [@a-z0-9_./-]
/// become one '_', then '/' separates directories.
void append_key(fs::path& path, std::string_view key) {
  std::string spelled;
  bool in_run = false;
  for (char c : key) {
    const bool kept = c == '@' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                      c == '/' || c == '-' || c == '\\';
    if (kept) spelled += c == '\\' ? '/' : c;
    if (!kept && !in_run) spelled += '_';
    in_run = !kept;
  }
  for (auto start = spelled.find_first_not_of('/'); start != std::string::npos;
       start = spelled.find_first_not_of('/', start)) {
    const auto end = spelled.find('/', start);
    path /= spelled.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end;
  }
}

fs::path cache_entry(const std::string& root, std::string_view name, std::string_view version,
                     std::string_view digest) {
  fs::path entry = root;
  append_key(entry, name);
  append_key(entry, version);
  return entry / std::string(digest);
}

/// What the kernel needs from an entry it takes as a hit: the marker, the package and its assembly.
bool usable(const fs::path& entry) {
  std::error_code ec;
  return fs::exists(entry / kCompleteMarker, ec) && fs::exists(entry / "package.json", ec) &&
         fs::exists(entry / ".jsii", ec);
}

/// Makes the ticket's entry a hard-linked copy of the tarball's (built aside, then renamed into place, so the
/// kernel never sees half of it). False when the tarball's entry is not complete yet or anything fails.
bool ensure_ticket_entry(const fs::path& tarball_entry, const fs::path& ticket_entry) {
  if (usable(ticket_entry)) return true;
  if (!usable(tarball_entry)) return false;
  std::error_code ec;
  const fs::path aside = ticket_entry.parent_path() / (".jsii-cpp-ticket-" + std::to_string(::getpid()) +
                                                       "-" + ticket_entry.filename().string());
  fs::remove_all(aside, ec);
  fs::copy(tarball_entry, aside, fs::copy_options::recursive | fs::copy_options::create_hard_links, ec);
  if (!ec) fs::rename(aside, ticket_entry, ec);  // fails if another process was first: theirs is as good
  std::error_code ignored;
  fs::remove_all(aside, ignored);
  return usable(ticket_entry);
}

/// The ticket to hand the kernel instead of the tarball, or "" to hand it the tarball: with the package cache
/// on and the tarball already extracted into it, the kernel then digests a few bytes instead of the whole
/// tarball and finds the same extracted package (scripts/jsii-deps.mjs makes the tickets).
std::string usable_ticket(const std::string& cache_root, std::string_view name,
                          const detail::ManifestEntry& entry) {
  std::error_code ec;
  const bool described = !entry.ticket.empty() && !entry.cache_digest.empty() && !entry.ticket_digest.empty();
  if (!detail::package_cache_enabled() || !described || cache_root.empty() || !fs::exists(entry.ticket, ec)) {
    return "";
  }
  const bool ready = ensure_ticket_entry(cache_entry(cache_root, name, entry.version, entry.cache_digest),
                                         cache_entry(cache_root, name, entry.version, entry.ticket_digest));
  return ready ? entry.ticket : "";
}

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
  // Without the package cache there is no runtime index to wait for at shutdown.
  LoadedPackage package{std::string(version), result.value("types", 0),
                        took >= kSlowLoad && detail::package_cache_enabled()};
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
      const Json cache = p.value("cache", Json::object());
      entries[p.value("name", "")] = ManifestEntry{p.value("version", ""),
                                                   p.value("tarball", ""),
                                                   p.value("dependencies", std::vector<std::string>{}),
                                                   cache.value("digest", ""),
                                                   cache.value("ticket", ""),
                                                   cache.value("ticketDigest", "")};
    }
    s.manifest = std::move(entries);
  }
  const auto it = s.manifest->find(name);
  if (it == s.manifest->end()) return false;
  const ManifestEntry entry = it->second;  // copy: the recursion below re-enters this function
  for (const auto& dependency : entry.dependencies) load_package(dependency);
  // The root as the kernel will see it: the kernel may not have started yet (the first load starts it).
  const std::string cache_root = detail::package_cache_root();
  const std::string ticket = usable_ticket(cache_root, name, entry);
  if (ticket.empty()) {
    (void)load(name, entry.version, entry.tarball);
    return true;
  }
  // A kernel that cannot start, or dies, says so itself: the note below is only for what it reports about
  // this load.
  start();
  try {
    (void)load(name, entry.version, ticket);
  } catch (const KernelDied&) {
    throw;
  } catch (const Error& failure) {
    // The ticket's entry shares its files with the tarball's: damage in one is damage in both.
    throw Error(std::string(failure.what()) + " (loaded through the package cache ticket " + ticket +
                " for " + entry.tarball + "; if the package cache is damaged, delete " +
                cache_entry(cache_root, name, entry.version, "").string() + ")");
  }
  return true;
}

}  // namespace jsii
