# jsii_cpp_bindings(<npm package> [PACKAGE_DIR <dir>] [TARBALL <tgz>] [DEPENDENCY_TARBALLS <name>=<tgz>...])
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
# so nothing is recompiled. PACKAGE_DIR defaults to <source dir>/node_modules/<package>.
#
# The kernel loads every package from its npm tarball (`npm pack` output). For the package and each jsii
# package it depends on, the tarball is, in this order: TARBALL (the package itself), DEPENDENCY_TARBALLS
# (`<name>=<tgz>` for dependencies), the one given when that package was bound earlier, the one
# scripts/jsii-deps.mjs recorded in ${JSII_DEPS_DIR}/packages.json, or `npm pack`'s file name
# (`<name>-<version>.tgz`, scope without `@` and `/` turned into `-`) next to the package directory or inside
# it. A package whose tarball is found nowhere stops the configuration with its name.
#
#   jsii_cpp_bindings(my-app-constructs PACKAGE_DIR ${dist}/my-app-constructs
#                     TARBALL ${dist}/my-app-constructs-1.0.0.tgz
#                     DEPENDENCY_TARBALLS my-base-constructs=${dist}/my-base-constructs-2.1.0.tgz)
include_guard(GLOBAL)

set(_JSII_CPP_ROOT "${CMAKE_CURRENT_LIST_DIR}/..")
set(JSII_CPP_BINDINGS_DIR "${CMAKE_BINARY_DIR}/jsii-bindings" CACHE PATH "Where generated bindings are written")

# The generator is built once per build tree, at configure time, by a nested CMake build.
# JSII_CPP_GENERATOR_EXECUTABLE names a jsii-codegen built elsewhere (skips the nested build).
function(_jsii_cpp_generator out_var)
  get_property(_generator GLOBAL PROPERTY JSII_CPP_GENERATOR)
  if(NOT _generator AND JSII_CPP_GENERATOR_EXECUTABLE)
    set(_generator "${JSII_CPP_GENERATOR_EXECUTABLE}")
  endif()
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
  # Overriding one accessor of a property (or one overload of a method) hides the others in the subclass;
  # the warning makes that impossible to miss in code that links bindings (docs/bindings.md, section 10).
  target_compile_options(jsii_bindings_common INTERFACE
                         $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Woverloaded-virtual>)
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

function(_jsii_cpp_manifest_tarball package out_var)
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

# The npm tarball of `package` (see the header); "" when there is none.
function(_jsii_cpp_find_tarball package package_dir out_var)
  set(${out_var} "" PARENT_SCOPE)
  get_property(_given GLOBAL PROPERTY "JSII_CPP_TARBALL_${package}")
  if(_given)
    set(${out_var} "${_given}" PARENT_SCOPE)
    return()
  endif()
  _jsii_cpp_manifest_tarball("${package}" _tarball)
  if(_tarball AND EXISTS "${_tarball}")
    set(${out_var} "${_tarball}" PARENT_SCOPE)
    return()
  endif()
  if(EXISTS "${package_dir}/package.json")
    file(READ "${package_dir}/package.json" _json)
    string(JSON _version ERROR_VARIABLE _error GET "${_json}" version)
    if(NOT _error)
      string(REGEX REPLACE "^@" "" _file "${package}")
      string(REPLACE "/" "-" _file "${_file}")
      get_filename_component(_parent "${package_dir}" DIRECTORY)
      foreach(_candidate IN ITEMS "${_parent}/${_file}-${_version}.tgz" "${package_dir}/${_file}-${_version}.tgz")
        if(EXISTS "${_candidate}")
          set(${out_var} "${_candidate}" PARENT_SCOPE)
          return()
        endif()
      endforeach()
    endif()
  endif()
endfunction()

function(jsii_cpp_bindings package)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "PACKAGE_DIR;TARBALL;_REQUIRED_BY" "DEPENDENCY_TARBALLS")
  # Tarballs named here hold for every package bound after this call (dependencies included).
  foreach(_entry IN LISTS ARG_DEPENDENCY_TARBALLS)
    if(NOT _entry MATCHES "^([^=]+)=(.+)$")
      message(FATAL_ERROR "jsii_cpp_bindings(${package}): DEPENDENCY_TARBALLS takes <name>=<tarball>, got '${_entry}'")
    endif()
    if(NOT EXISTS "${CMAKE_MATCH_2}")
      message(FATAL_ERROR "jsii_cpp_bindings(${package}): the tarball given for ${CMAKE_MATCH_1} does not exist: "
                          "${CMAKE_MATCH_2}")
    endif()
    set_property(GLOBAL PROPERTY "JSII_CPP_TARBALL_${CMAKE_MATCH_1}" "${CMAKE_MATCH_2}")
  endforeach()
  get_property(_done GLOBAL PROPERTY JSII_CPP_BOUND)
  if(package IN_LIST _done)
    return()
  endif()
  if(ARG__REQUIRED_BY)
    set(_who "jsii_cpp_bindings(${ARG__REQUIRED_BY}): its jsii dependency ${package}")
  else()
    set(_who "jsii_cpp_bindings(${package})")
  endif()
  if(NOT ARG_PACKAGE_DIR)
    set(ARG_PACKAGE_DIR "${CMAKE_SOURCE_DIR}/node_modules/${package}")
  endif()
  if(NOT EXISTS "${ARG_PACKAGE_DIR}/.jsii")
    message(FATAL_ERROR "${_who}: ${ARG_PACKAGE_DIR} has no .jsii assembly "
                        "(is the package installed? run scripts/setup.sh)")
  endif()
  if(ARG_TARBALL)
    if(NOT EXISTS "${ARG_TARBALL}")
      message(FATAL_ERROR "${_who}: TARBALL ${ARG_TARBALL} does not exist")
    endif()
  else()
    _jsii_cpp_find_tarball("${package}" "${ARG_PACKAGE_DIR}" ARG_TARBALL)
    if(NOT ARG_TARBALL)
      message(FATAL_ERROR "${_who} (in ${ARG_PACKAGE_DIR}) has no npm tarball for the jsii kernel to load. "
                          "Pass it: TARBALL <tgz> when binding ${package} itself, or "
                          "DEPENDENCY_TARBALLS ${package}=<tgz> when it is a dependency (or put `npm pack`'s "
                          "<name>-<version>.tgz next to the package directory).")
    endif()
  endif()
  set_property(GLOBAL APPEND PROPERTY JSII_CPP_BOUND "${package}")
  set_property(GLOBAL PROPERTY "JSII_CPP_TARBALL_${package}" "${ARG_TARBALL}")
  _jsii_cpp_generator(_generator)
  _jsii_cpp_common()

  # Dependencies first: their targets must exist before ours link to them.
  execute_process(COMMAND "${_generator}" "${ARG_PACKAGE_DIR}" --dependencies
                  RESULT_VARIABLE _result OUTPUT_VARIABLE _deps ERROR_VARIABLE _error)
  if(NOT _result EQUAL 0)
    message(FATAL_ERROR "${_who}: ${_error}")
  endif()
  string(REPLACE "\n" ";" _deps "${_deps}")
  foreach(_line IN LISTS _deps)
    if(_line MATCHES "^([^\t]+)\t(.+)$")
      jsii_cpp_bindings("${CMAKE_MATCH_1}" PACKAGE_DIR "${CMAKE_MATCH_2}" _REQUIRED_BY "${package}")
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
      message(FATAL_ERROR "${_who}: the generator failed (see above)")
    endif()
    file(WRITE "${_stamp}" "${_stamp_text}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_inputs})
  # SYSTEM: generated headers do not trip the warnings of the code that includes them.
  target_include_directories(jsii_bindings_common SYSTEM INTERFACE "${_out}/include")
  include("${_out}/bindings.cmake")
endfunction()
