# erde_add_library(<folder> DEPS <targets...>): a static library from every .cpp in the folder,
# with the engine root on the include path (#include "model/shelter.hpp").
function(erde_add_library folder)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.cpp")
  add_library(erde_${folder} STATIC ${sources})
  target_include_directories(erde_${folder} PUBLIC "${PROJECT_SOURCE_DIR}/engine")
  target_compile_options(erde_${folder} PRIVATE ${ERDE_WARNINGS})
  target_link_libraries(erde_${folder} PUBLIC ${ARG_DEPS})
endfunction()
