# jsii_cpp_bindings(<npm package> [PACKAGE_DIR <dir>] [TARBALL <tgz>])
#
# Generates C++ bindings for a jsii package (and, first, for the jsii packages it depends on) and defines one
# static library per jsii submodule: `aws_cdk_lib::aws_s3`, `aws_cdk_lib::core` (the root namespace),
# `constructs::core`, ... Link the ones you use; only those (and the modules their code calls) are compiled.
#
#   jsii_cpp_bindings(aws-cdk-lib)
#   target_link_libraries(app PRIVATE aws_cdk_lib::core aws_cdk_lib::aws_s3)
#
# Generation runs at configure time (the targets depend on the generated file list), shows progress, and is
# skipped when the assembly and the generator are unchanged; files whose content is unchanged are not touched,
# so nothing is recompiled. PACKAGE_DIR defaults to <source dir>/node_modules/<package>; TARBALL to the one
# scripts/jsii-deps.mjs recorded in ${JSII_DEPS_DIR}/packages.json.
include_guard(GLOBAL)

set(_JSII_CPP_ROOT "${CMAKE_CURRENT_LIST_DIR}/..")
set(JSII_CPP_BINDINGS_DIR "${CMAKE_BINARY_DIR}/jsii-bindings" CACHE PATH "Where generated bindings are written")

# The generator is built once per build tree, at configure time, by a nested CMake build.
function(_jsii_cpp_generator out_var)
  get_property(_generator GLOBAL PROPERTY JSII_CPP_GENERATOR)
  if(_generator)
    set(${out_var} "${_generator}" PARENT_SCOPE)
    return()
  endif()
  set(_host "${CMAKE_BINARY_DIR}/jsii-codegen-host")
  if(NOT EXISTS "${_host}/CMakeCache.txt")
    message(STATUS "jsii: configuring the binding generator")
    execute_process(
      COMMAND "${CMAKE_COMMAND}" -S "${_JSII_CPP_ROOT}/codegen" -B "${_host}" -G "${CMAKE_GENERATOR}"
              -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}"
              "-DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}"
      RESULT_VARIABLE _result OUTPUT_VARIABLE _output ERROR_VARIABLE _output)
    if(NOT _result EQUAL 0)
      message(FATAL_ERROR "jsii: configuring the binding generator failed:\n${_output}")
    endif()
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${_host}" --target jsii-codegen
                  RESULT_VARIABLE _result OUTPUT_VARIABLE _output ERROR_VARIABLE _output)
  if(NOT _result EQUAL 0)
    message(FATAL_ERROR "jsii: building the binding generator failed:\n${_output}")
  endif()
  file(GLOB _sources CONFIGURE_DEPENDS "${_JSII_CPP_ROOT}/codegen/*.cpp" "${_JSII_CPP_ROOT}/codegen/*.hpp")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_sources})
  set_property(GLOBAL PROPERTY JSII_CPP_GENERATOR "${_host}/jsii-codegen")
  set(${out_var} "${_host}/jsii-codegen" PARENT_SCOPE)
endfunction()

# Targets every generated library shares: include paths, the runtime, and one precompiled header.
function(_jsii_cpp_common)
  if(TARGET jsii_bindings_common)
    return()
  endif()
  add_library(jsii_bindings_common INTERFACE)
  target_link_libraries(jsii_bindings_common INTERFACE jsii::runtime)
  # Generated code is glue around ~75 us kernel round trips: compiled at -O1 without debug info (a quarter less
  # compile time than -O2), with deprecation warnings off (it calls deprecated members on behalf of users, who
  # get the warnings where they use them).
  add_library(jsii_bindings_flags INTERFACE)
  target_compile_options(jsii_bindings_flags INTERFACE -O1 -g0 -Wno-deprecated-declarations)
  file(WRITE "${JSII_CPP_BINDINGS_DIR}/pch.cpp.in" "// precompiled header host\n")
  configure_file("${JSII_CPP_BINDINGS_DIR}/pch.cpp.in" "${JSII_CPP_BINDINGS_DIR}/pch.cpp" COPYONLY)
  add_library(jsii_bindings_pch STATIC EXCLUDE_FROM_ALL "${JSII_CPP_BINDINGS_DIR}/pch.cpp")
  target_link_libraries(jsii_bindings_pch PRIVATE jsii::runtime jsii_bindings_flags)
  target_precompile_headers(jsii_bindings_pch PRIVATE <jsii/bindings.hpp> <map> <optional> <string> <variant>
                            <vector>)
endfunction()

# Called by the generated bindings.cmake for each library it defines.
function(jsii_cpp_bindings_target target)
  target_link_libraries(${target} PRIVATE jsii_bindings_flags)
  target_precompile_headers(${target} REUSE_FROM jsii_bindings_pch)
endfunction()

function(_jsii_cpp_tarball package out_var)
  set(${out_var} "" PARENT_SCOPE)
  set(_manifest "${JSII_DEPS_DIR}/packages.json")
  if(NOT EXISTS "${_manifest}")
    return()
  endif()
  file(READ "${_manifest}" _json)
  string(JSON _count LENGTH "${_json}" packages)
  math(EXPR _last "${_count} - 1")
  foreach(_i RANGE ${_last})
    string(JSON _name GET "${_json}" packages ${_i} name)
    if(_name STREQUAL package)
      string(JSON _tarball GET "${_json}" packages ${_i} tarball)
      set(${out_var} "${_tarball}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
endfunction()

function(jsii_cpp_bindings package)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "PACKAGE_DIR;TARBALL" "")
  get_property(_done GLOBAL PROPERTY JSII_CPP_BOUND)
  if(package IN_LIST _done)
    return()
  endif()
  set_property(GLOBAL APPEND PROPERTY JSII_CPP_BOUND "${package}")
  if(NOT ARG_PACKAGE_DIR)
    set(ARG_PACKAGE_DIR "${CMAKE_SOURCE_DIR}/node_modules/${package}")
  endif()
  if(NOT EXISTS "${ARG_PACKAGE_DIR}/.jsii")
    message(FATAL_ERROR "jsii_cpp_bindings(${package}): ${ARG_PACKAGE_DIR} has no .jsii assembly "
                        "(is the package installed? run scripts/setup.sh)")
  endif()
  if(NOT ARG_TARBALL)
    _jsii_cpp_tarball("${package}" ARG_TARBALL)
  endif()
  _jsii_cpp_generator(_generator)
  _jsii_cpp_common()

  # Dependencies first: their targets must exist before ours link to them.
  execute_process(COMMAND "${_generator}" "${ARG_PACKAGE_DIR}" --dependencies
                  RESULT_VARIABLE _result OUTPUT_VARIABLE _deps ERROR_VARIABLE _error)
  if(NOT _result EQUAL 0)
    message(FATAL_ERROR "jsii_cpp_bindings(${package}): ${_error}")
  endif()
  string(REPLACE "\n" ";" _deps "${_deps}")
  foreach(_line IN LISTS _deps)
    if(_line MATCHES "^([^\t]+)\t(.+)$")
      jsii_cpp_bindings("${CMAKE_MATCH_1}" PACKAGE_DIR "${CMAKE_MATCH_2}")
    endif()
  endforeach()

  string(REGEX REPLACE "[@]" "" _ns "${package}")
  string(REGEX REPLACE "[-/.]" "_" _ns "${_ns}")
  set(_out "${JSII_CPP_BINDINGS_DIR}/${_ns}")
  set(_inputs "${ARG_PACKAGE_DIR}/.jsii")
  if(EXISTS "${ARG_PACKAGE_DIR}/.jsii.gz")
    list(APPEND _inputs "${ARG_PACKAGE_DIR}/.jsii.gz")
  endif()
  set(_stamp_text "${ARG_TARBALL}")
  foreach(_input IN LISTS _inputs _generator)
    file(SHA256 "${_input}" _hash)
    string(APPEND _stamp_text "\n${_input} ${_hash}")
  endforeach()
  set(_stamp "${_out}/generated.stamp")
  set(_previous "")
  if(EXISTS "${_stamp}")
    file(READ "${_stamp}" _previous)
  endif()
  if(NOT _previous STREQUAL _stamp_text OR NOT EXISTS "${_out}/bindings.cmake")
    message(STATUS "jsii: generating C++ bindings for ${package}")
    execute_process(COMMAND "${_generator}" "${ARG_PACKAGE_DIR}" --out "${_out}" --tarball "${ARG_TARBALL}"
                    RESULT_VARIABLE _result)
    if(NOT _result EQUAL 0)
      message(FATAL_ERROR "jsii_cpp_bindings(${package}): the generator failed (see above)")
    endif()
    file(WRITE "${_stamp}" "${_stamp_text}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_inputs})
  # SYSTEM: generated headers do not trip the warnings of the code that includes them.
  target_include_directories(jsii_bindings_common SYSTEM INTERFACE "${_out}/include")
  include("${_out}/bindings.cmake")
endfunction()
