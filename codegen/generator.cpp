#include "generator.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "assembly.hpp"
#include "emit.hpp"
#include "naming.hpp"

namespace jsii_codegen {
namespace {

namespace fs = std::filesystem;

class Writer {
 public:
  explicit Writer(GenerateResult& result) : result_(result) {}

  void write(const fs::path& path, const std::string& content) {
    written_.insert(path.lexically_normal().string());
    std::error_code ec;
    if (fs::file_size(path, ec) == content.size() && !ec) {
      std::ifstream in(path, std::ios::binary);
      std::string existing(content.size(), '\0');
      in.read(existing.data(), static_cast<std::streamsize>(existing.size()));
      if (in && existing == content) {
        ++result_.unchanged;
        return;
      }
    }
    // Written in place: an interrupted run leaves no stamp, so the next one compares and rewrites every file.
    if (!directories_.contains(path.parent_path().string())) {
      fs::create_directories(path.parent_path());
      directories_.insert(path.parent_path().string());
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw AssemblyError("cannot write " + path.string());
    ++result_.written;
  }

  /// Removes generated files from earlier runs that this run did not produce (a type was removed).
  void remove_stale(const fs::path& root) {
    if (!fs::exists(root)) return;
    std::vector<fs::path> stale;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file()) continue;
      const auto extension = entry.path().extension();
      if (extension != ".hpp" && extension != ".cpp") continue;
      if (!written_.contains(entry.path().lexically_normal().string())) stale.push_back(entry.path());
    }
    for (const auto& path : stale) {
      fs::remove(path);
      ++result_.removed;
    }
  }

 private:
  GenerateResult& result_;
  std::set<std::string> written_;
  std::set<std::string> directories_;
};

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

std::string last_part(const std::string& dir) {
  const auto slash = dir.rfind('/');
  return slash == std::string::npos ? dir : dir.substr(slash + 1);
}

std::string cmake_quote(const std::string& path) { return "\"" + path + "\""; }

}  // namespace

GenerateResult generate(const Analysis& a, const GenerateOptions& options) {
  GenerateResult result;
  Writer writer(result);
  const Assembly& assembly = a.types().root();
  const fs::path include = options.out / "include";
  const fs::path src = options.out / "src";
  const std::string ns = namespace_for_assembly(assembly.name);
  const std::string types_file = fs::absolute(options.out / "jsii-types.txt").lexically_normal().string();

  std::ostringstream cmake;
  cmake << "# " << banner(assembly);
  cmake << "# One static library per jsii submodule; build only what you link.\n";
  cmake << "set(_jsii_dir " << cmake_quote("${CMAKE_CURRENT_LIST_DIR}") << ")\n\n";
  const std::string loader_target = ns + "__jsii_assembly";
  cmake << "add_library(" << loader_target << " STATIC EXCLUDE_FROM_ALL \"${_jsii_dir}/src/" << ns
        << "/jsii_assembly.cpp\")\n";
  cmake << "target_link_libraries(" << loader_target << " PUBLIC jsii_bindings_common";
  for (const auto& dependency : assembly.dependencies)
    cmake << " " << namespace_for_assembly(dependency) << "__jsii_assembly";
  cmake << ")\njsii_cpp_bindings_target(" << loader_target << ")\n\n";
  writer.write(src / ns / "jsii_assembly.cpp", emit_loader(assembly, options.tarball, types_file));

  std::string types_list;
  std::size_t done = 0;
  std::size_t next_report = 0;
  const std::size_t module_count = assembly.modules.size();
  for (const auto& [module_fqn, module] : assembly.modules) {
    std::string umbrella = banner(assembly) + "#pragma once\n\n";
    std::vector<std::vector<const Type*>> batches(1);
    std::size_t batch_weight = 0;
    for (const auto& fqn : module.types) {
      const Type& t = a.types().type(fqn);
      writer.write(include / t.definition, emit_definition(a, t));
      writer.write(include / t.header, emit_header(a, t));
      umbrella += "#include <" + t.header + ">\n";
      if (t.kind == Type::Kind::class_ || t.kind == Type::Kind::interface) {
        types_list += t.fqn;
        if (t.base) types_list += " " + *t.base;
        for (const auto& i : t.interfaces) types_list += " " + i;
        types_list += "\n";
      }
      const std::size_t w = weight(a, t);
      if (batch_weight > 0 && batch_weight + w > options.batch_weight) {
        batches.emplace_back();
        batch_weight = 0;
      }
      batches.back().push_back(&t);
      batch_weight += w;
    }
    writer.write(include / (module.dir + ".hpp"), umbrella);
    writer.write(include / marshal_header_path(module), emit_marshal_header(a, assembly, module));

    std::vector<std::string> sources;
    for (std::size_t i = 0; i < batches.size(); ++i) {
      if (batches[i].empty()) continue;
      std::string text = banner(assembly);
      for (const auto& header : source_includes(a, batches[i])) text += "#include <" + header + ">\n";
      text += "\n";
      for (const Type* t : batches[i]) text += emit_definitions(a, *t);
      const std::string suffix = (i < 10 ? "_0" : "_") + std::to_string(i);
      const std::string file = module.dir + "/" + last_part(module.dir) + suffix + ".cpp";
      writer.write(src / file, text);
      sources.push_back(file);
    }
    if (sources.empty()) {
      cmake << "add_library(" << module.target << " INTERFACE)\n";
      cmake << "target_link_libraries(" << module.target << " INTERFACE " << loader_target << ")\n";
    } else {
      cmake << "add_library(" << module.target << " STATIC EXCLUDE_FROM_ALL";
      for (const auto& file : sources) cmake << "\n  \"${_jsii_dir}/src/" << file << "\"";
      cmake << ")\ntarget_link_libraries(" << module.target << " PUBLIC " << loader_target;
      for (const auto& link : a.module_links(assembly, module)) {
        for (const auto& [name, other] : a.types().assemblies()) {
          const auto it = other->modules.find(link);
          if (it != other->modules.end()) {
            cmake << " " << it->second.target;
            break;
          }
        }
      }
      cmake << ")\njsii_cpp_bindings_target(" << module.target << ")\n";
    }
    cmake << "add_library(" << module.alias << " ALIAS " << module.target << ")\n\n";
    result.types += module.types.size();
    ++result.modules;
    ++done;
    if (options.progress && done * 10 >= next_report * module_count) {
      options.progress(std::to_string(done) + "/" + std::to_string(module_count) + " modules, " +
                       std::to_string(result.types) + " types");
      next_report = done * 10 / module_count + 1;
    }
  }
  writer.write(options.out / "jsii-types.txt", types_list);
  writer.write(options.out / "bindings.cmake", cmake.str());
  writer.remove_stale(include);
  writer.remove_stale(src);
  return result;
}

}  // namespace jsii_codegen
