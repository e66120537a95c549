# Configures docker/ on its own, as the Dockerfiles do (-DSAMPLE_BUILD_LOCAL_STACK=OFF), and builds both
# images' targets. Run by ctest with -DSOURCE, -DBUILD, -DGENERATOR.
file(REMOVE_RECURSE "${BUILD}")
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE}" -B "${BUILD}" -G "${GENERATOR}" -DCMAKE_BUILD_TYPE=Release
                        -DSAMPLE_BUILD_LOCAL_STACK=OFF
                RESULT_VARIABLE configured)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "configuring docker/ on its own failed (${configured})")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD}" --target sample-api sample-worker -j 2
                RESULT_VARIABLE built)
if(NOT built EQUAL 0)
  message(FATAL_ERROR "building sample-api and sample-worker from docker/ alone failed (${built})")
endif()
foreach(binary api/sample-api worker/sample-worker)
  if(NOT EXISTS "${BUILD}/${binary}")
    message(FATAL_ERROR "${BUILD}/${binary} was not built")
  endif()
endforeach()
file(REMOVE_RECURSE "${BUILD}")
