#include "assembly.hpp"

#include <zlib.h>

#include <array>
#include <fstream>
#include <sstream>

namespace jsii_codegen {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw AssemblyError("cannot read " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

std::string gunzip(const std::string& compressed, const std::string& what) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw AssemblyError("zlib cannot start for " + what);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));  // NOLINT: zlib's C API
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  std::array<char, 1 << 16> chunk{};
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk.data());  // NOLINT: zlib's C API
    stream.avail_out = static_cast<uInt>(chunk.size());
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) {
      inflateEnd(&stream);
      throw AssemblyError(what + " is not valid gzip data (zlib status " + std::to_string(status) + ")");
    }
    out.append(chunk.data(), chunk.size() - stream.avail_out);
  }
  inflateEnd(&stream);
  return out;
}

nlohmann::json load_assembly(const std::filesystem::path& package_dir) {
  std::filesystem::path file = package_dir / ".jsii";
  std::string bytes = read_file(file);
  for (int hop = 0; hop <= 8; ++hop) {
    auto doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) throw AssemblyError(file.string() + " is not a JSON object");
    if (doc.value("schema", "") != "jsii/file-redirect") {
      if (!doc.contains("types") && !doc.contains("name"))
        throw AssemblyError(file.string() + " is not a jsii assembly");
      return doc;
    }
    const std::string target = doc.value("filename", "");
    if (target.empty()) throw AssemblyError(file.string() + ": redirect without a filename");
    file = file.parent_path() / target;
    bytes = read_file(file);
    const std::string compression = doc.value("compression", "");
    if (compression == "gzip") {
      bytes = gunzip(bytes, file.string());
    } else if (!compression.empty()) {
      throw AssemblyError(file.string() + ": unsupported compression '" + compression + "'");
    }
  }
  throw AssemblyError(package_dir.string() + "/.jsii: more than 8 redirects");
}

}  // namespace jsii_codegen
