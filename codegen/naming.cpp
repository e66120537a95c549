#include "naming.hpp"

#include <algorithm>
#include <iterator>

namespace jsii_codegen {
namespace {

// C++20 keywords and alternative tokens, plus identifiers a generated class cannot use for members.
constexpr std::string_view kReserved[] = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
    "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr",
    "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default",
    "delete", "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false",
    "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new",
    "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private", "protected", "public",
    "register", "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
    "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local", "throw", "true",
    "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile",
    "wchar_t", "while", "xor", "xor_eq", "final", "override", "import", "module", "assert", "errno", "NULL",
    "EOF", "stdin", "stdout", "stderr", "unix", "linux",
    // Macros of the C and POSIX headers a translation unit may have included (<cmath>, <cerrno>, <climits>,
    // <cstdio>, <cstdlib>, <csignal>, <cstddef>): plausible enum members such as NAN or EINVAL.
    "NAN", "INFINITY", "HUGE_VAL", "HUGE_VALF", "HUGE_VALL", "FP_NAN", "FP_INFINITE", "FP_ZERO", "FP_NORMAL",
    "FP_SUBNORMAL", "EDOM", "ERANGE", "EILSEQ", "EACCES", "EAGAIN", "EBADF", "EBUSY", "ECHILD", "EEXIST",
    "EFAULT", "EFBIG", "EINTR", "EINVAL", "EIO", "EISDIR", "EMFILE", "EMLINK", "ENAMETOOLONG", "ENFILE",
    "ENODEV", "ENOENT", "ENOEXEC", "ENOMEM", "ENOSPC", "ENOSYS", "ENOTDIR", "ENOTEMPTY", "ENOTTY", "ENXIO",
    "EPERM", "EPIPE", "EROFS", "ESPIPE", "ESRCH", "ETIMEDOUT", "EXDEV", "E2BIG", "EWOULDBLOCK",
    "ECONNREFUSED", "ECONNRESET", "EADDRINUSE", "ENOTSUP", "EOVERFLOW", "ECANCELED", "SIGABRT", "SIGFPE",
    "SIGILL", "SIGINT", "SIGSEGV", "SIGTERM", "SIGKILL", "SIGHUP", "SIGPIPE", "SIGALRM", "SIGCHLD", "SIGUSR1",
    "SIGUSR2", "SIGSTOP", "SIGCONT", "EXIT_SUCCESS", "EXIT_FAILURE", "RAND_MAX", "BUFSIZ", "FILENAME_MAX",
    "FOPEN_MAX", "SEEK_SET", "SEEK_CUR", "SEEK_END", "TMP_MAX", "L_tmpnam", "CHAR_BIT", "CHAR_MAX",
    "CHAR_MIN", "SCHAR_MAX", "SCHAR_MIN", "UCHAR_MAX", "SHRT_MAX", "SHRT_MIN", "USHRT_MAX", "INT_MAX",
    "INT_MIN", "UINT_MAX", "LONG_MAX", "LONG_MIN", "ULONG_MAX", "LLONG_MAX", "LLONG_MIN", "ULLONG_MAX",
    "MB_LEN_MAX", "MB_CUR_MAX", "offsetof", "NDEBUG", "PATH_MAX", "WEOF", "WCHAR_MAX", "WCHAR_MIN",
    "SIZE_MAX", "PTRDIFF_MAX", "PTRDIFF_MIN", "INT8_MAX", "INT16_MAX", "INT32_MAX", "INT64_MAX", "UINT8_MAX",
    "UINT16_MAX", "UINT32_MAX", "UINT64_MAX", "INTMAX_MAX", "UINTMAX_MAX", "MATH_ERRNO", "MATH_ERREXCEPT",
    "math_errhandling", "M_PI", "M_E", "BIG_ENDIAN", "LITTLE_ENDIAN", "BYTE_ORDER", "PDP_ENDIAN"};

/// Names the generated code itself uses (locals, members, helper types) all start with one of these; a jsii
/// name that does too gets a trailing `_`, so no jsii library can collide with the generator.
constexpr std::string_view kGeneratedPrefixes[] = {"jsii_", "JSII_"};

bool is_keyword_or_macro(std::string_view name) {
  return std::find(std::begin(kReserved), std::end(kReserved), name) != std::end(kReserved);
}

bool is_reserved(std::string_view name) {
  if (is_keyword_or_macro(name)) return true;
  return std::any_of(std::begin(kGeneratedPrefixes), std::end(kGeneratedPrefixes),
                     [&](std::string_view prefix) { return name.starts_with(prefix); });
}

std::string sanitize(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '@') continue;
    out.push_back(c == '-' || c == '/' || c == '.' ? '_' : c);
  }
  return out;
}

}  // namespace

std::string namespace_for_assembly(std::string_view assembly) {
  std::string ns = sanitize(assembly);
  // An assembly named like the runtime's namespace, the standard library's or a keyword.
  if (ns == "jsii" || ns == "std" || is_keyword_or_macro(ns)) {
    ns.push_back('_');
  }
  return ns;
}

std::string cpp_qualified_name(std::string_view assembly, std::string_view fqn,
                               const std::set<std::string, std::less<>>& submodules) {
  // The longest submodule that prefixes the fqn becomes namespaces; what follows is the type, nested types
  // joined with '_' (a C++ class cannot be reopened to add nested classes from other headers).
  std::string_view scope = assembly;
  for (const auto& submodule : submodules) {
    if (submodule.size() > scope.size() && fqn.size() > submodule.size() && fqn.starts_with(submodule) &&
        fqn[submodule.size()] == '.') {
      scope = submodule;
    }
  }
  std::string out = namespace_for_assembly(assembly);
  for (char c : scope.substr(std::min(scope.size(), assembly.size())))
    out += (c == '.') ? std::string("::") : std::string(1, c);
  out += "::";
  for (char c : fqn.substr(std::min(fqn.size(), scope.size() + 1))) out.push_back(c == '.' ? '_' : c);
  return out;
}

std::string cpp_identifier(std::string_view jsii_name) {
  std::string name(jsii_name);
  if (is_reserved(jsii_name)) name.push_back('_');
  return name;
}

}  // namespace jsii_codegen
