# cmake -P script (a CTest): a jsii package whose jsii dependency has no tarball anywhere must stop the
# configuration, naming the dependency and how to pass its tarball; with DEPENDENCY_TARBALLS it must pass that
# check. Inputs: REPO, WORK (scratch dir), GENERATOR (jsii-codegen), EXT_PACKAGE_DIR, EXT_TARBALL,
# CMAKE_GENERATOR.
foreach(_var REPO WORK GENERATOR EXT_PACKAGE_DIR EXT_TARBALL CMAKE_GENERATOR)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "missing -D${_var}=...")
  endif()
endforeach()

# A copy of jsii-fixture-ext whose dependency is a plain copy (no tarball beside it, none in a manifest).
file(REMOVE_RECURSE "${WORK}")
set(_ext "${WORK}/packages/jsii-fixture-ext")
set(_dep "${_ext}/node_modules/jsii-fixture")
file(MAKE_DIRECTORY "${_dep}")
file(COPY "${EXT_PACKAGE_DIR}/package.json" "${EXT_PACKAGE_DIR}/.jsii" DESTINATION "${_ext}")
file(REAL_PATH "${EXT_PACKAGE_DIR}/node_modules/jsii-fixture" _real_dep)
file(COPY "${_real_dep}/package.json" "${_real_dep}/.jsii" DESTINATION "${_dep}")

function(configure name extra)
  file(WRITE "${WORK}/${name}/CMakeLists.txt" "cmake_minimum_required(VERSION 3.25)
project(missing_tarball CXX)
add_library(jsii::runtime INTERFACE IMPORTED)
set(JSII_CPP_GENERATOR_EXECUTABLE \"${GENERATOR}\")
set(JSII_DEPS_DIR \"${WORK}/no-manifest\")
include(\"${REPO}/cmake/JsiiCppBindings.cmake\")
jsii_cpp_bindings(jsii-fixture-ext PACKAGE_DIR \"${_ext}\" TARBALL \"${EXT_TARBALL}\" ${extra})
")
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${WORK}/${name}" -B "${WORK}/${name}/build" -G "${CMAKE_GENERATOR}"
                  RESULT_VARIABLE _result OUTPUT_VARIABLE _out ERROR_VARIABLE _err TIMEOUT 90)
  set(result "${_result}" PARENT_SCOPE)
  set(output "${_out}${_err}" PARENT_SCOPE)
endfunction()

configure(without "")
if(result EQUAL 0)
  message(FATAL_ERROR "configuring without the dependency's tarball succeeded; expected a failure:\n${output}")
endif()
string(REPLACE "\n" " " _flat "${output}")
string(REGEX REPLACE " +" " " _flat "${_flat}")
foreach(_expected "jsii_cpp_bindings(jsii-fixture-ext): its jsii dependency jsii-fixture"
                  "has no npm tarball" "DEPENDENCY_TARBALLS jsii-fixture=<tgz>")
  string(FIND "${_flat}" "${_expected}" _at)
  if(_at LESS 0)
    message(FATAL_ERROR "the configure error does not say '${_expected}':\n${output}")
  endif()
endforeach()

# Naming the tarball passes the check (generation then runs; its targets are not built here).
configure(with "DEPENDENCY_TARBALLS \"jsii-fixture=${EXT_TARBALL}\"")
string(FIND "${output}" "has no npm tarball" _at)
if(NOT result EQUAL 0 OR _at GREATER_EQUAL 0)
  message(FATAL_ERROR "configuring with DEPENDENCY_TARBALLS failed:\n${output}")
endif()
file(REMOVE_RECURSE "${WORK}")
message(STATUS "missing tarball: configure failed as expected, and passed with DEPENDENCY_TARBALLS")
