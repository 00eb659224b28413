# Warnings and sanitizers as an interface target: link it to see them.
add_library(rkplan_warnings INTERFACE)
target_compile_options(rkplan_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wshadow
  $<$<BOOL:${RKPLAN_WERROR}>:-Werror>)

if(RKPLAN_SANITIZE)
  # Everything, dependencies' inline code included, is built instrumented.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
