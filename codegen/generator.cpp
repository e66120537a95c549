#include "generator.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "assembly.hpp"
#include "emit.hpp"
#include "naming.hpp"
#include "partition.hpp"

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
  cmake
      << "# Per jsii submodule an interface library of its parts; a part is a static library that links the\n"
         "# parts whose types its code uses, so an app compiles only what its modules can reach.\n";
  cmake << "set(_jsii_dir " << cmake_quote("${CMAKE_CURRENT_LIST_DIR}") << ")\n\n";
  const std::string loader_target = ns + "__jsii_assembly";
  cmake << "add_library(" << loader_target << " STATIC EXCLUDE_FROM_ALL \"${_jsii_dir}/src/" << ns
        << "/jsii_assembly.cpp\")\n";
  cmake << "target_link_libraries(" << loader_target << " PUBLIC jsii_bindings_common";
  for (const auto& dependency : assembly.dependencies)
    cmake << " " << namespace_for_assembly(dependency) << "__jsii_assembly";
  cmake << ")\njsii_cpp_bindings_target(" << loader_target << ")\n\n";
  writer.write(src / ns / "jsii_assembly.cpp", emit_loader(assembly, options.tarball, types_file));

  const Partition partition(a, options.batch_weight);

  std::string types_list;
  std::size_t done = 0;
  std::size_t next_report = 0;
  const std::size_t module_count = assembly.modules.size();
  for (const auto& [module_fqn, module] : assembly.modules) {
    std::string umbrella = banner(assembly) + "#pragma once\n\n";
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
    }
    writer.write(include / (module.dir + ".hpp"), umbrella);
    writer.write(include / marshal_header_path(module), emit_marshal_header(a, assembly, module));

    const auto& parts = partition.parts(module_fqn);
    for (const Part& part : parts) {
      const std::set<std::string> referenced = referenced_types(a, part.types);
      std::string text = banner(assembly);
      for (const auto& header : source_includes(a, referenced)) text += "#include <" + header + ">\n";
      text += "\n";
      for (const Type* t : part.types) text += emit_definitions(a, *t);
      writer.write(src / part.file, text);

      const std::set<std::string> links = partition.links(part, referenced);
      cmake << "add_library(" << part.target << " STATIC EXCLUDE_FROM_ALL \"${_jsii_dir}/src/" << part.file
            << "\")\ntarget_link_libraries(" << part.target << " PUBLIC " << loader_target;
      for (const auto& link : links) cmake << " " << link;
      cmake << ")\njsii_cpp_bindings_target(" << part.target << ")\n";
    }
    cmake << "add_library(" << module.target << " INTERFACE)\n";
    cmake << "target_link_libraries(" << module.target << " INTERFACE " << loader_target;
    for (const Part& part : parts) cmake << " " << part.target;
    cmake << ")\nadd_library(" << module.alias << " ALIAS " << module.target << ")\n\n";
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
