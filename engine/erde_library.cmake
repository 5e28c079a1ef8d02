# The libFuzzer targets (engine/<folder>/fuzz, run by tests/e2e/fuzz.sh, which configures such a
# build on its own): need clang and -DERDE_FUZZ=ON. With them on, every engine library is
# instrumented for libFuzzer's coverage feedback.
option(ERDE_FUZZ "Build the libFuzzer targets fuzz_* (clang only)" OFF)
if(ERDE_FUZZ AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(WARNING "ERDE_FUZZ needs clang; the fuzz_* targets are not built")
endif()

# erde_add_library(<folder> DEPS <targets...>): a static library from every .cpp in the folder,
# with the engine root on the include path (#include "model/shelter.hpp").
function(erde_add_library folder)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.cpp")
  add_library(erde_${folder} STATIC ${sources})
  target_include_directories(erde_${folder} PUBLIC "${PROJECT_SOURCE_DIR}/engine")
  target_compile_options(erde_${folder} PRIVATE ${ERDE_WARNINGS})
  target_link_libraries(erde_${folder} PUBLIC ${ARG_DEPS})
  if(ERDE_FUZZ AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    target_compile_options(erde_${folder} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()

# erde_add_fuzzer(<name> <source> DEPS <targets...>): a libFuzzer program, only with ERDE_FUZZ
# and clang.
function(erde_add_fuzzer name source)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  if(NOT ERDE_FUZZ OR NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    return()
  endif()
  add_executable(${name} ${source})
  target_compile_options(${name} PRIVATE ${ERDE_WARNINGS} -fsanitize=fuzzer)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
endfunction()
