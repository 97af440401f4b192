# rcubox_find_urcu(<found-var>): define the imported target rcubox::urcu for
# liburcu's membarrier flavour (liburcu-memb), the one the runtime uses.
#
# The same file serves the build and the installed package (rcuboxConfig.cmake
# includes it), so rcubox::runtime links rcubox::urcu in both and the exported
# target never names a pkg-config target that only existed at build time.
# pkg-config first (it knows liburcu's multiarch include directory), then a
# plain search for systems without it. Not REQUIRED: the package reports a
# missing liburcu as "rcubox not found", not as a configure error.
function(rcubox_find_urcu found_var)
  if(TARGET rcubox::urcu)
    set(${found_var} TRUE PARENT_SCOPE)
    return()
  endif()

  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(RCUBOX_URCU QUIET IMPORTED_TARGET liburcu-memb)
  endif()
  if(TARGET PkgConfig::RCUBOX_URCU)
    add_library(rcubox::urcu INTERFACE IMPORTED)
    target_link_libraries(rcubox::urcu INTERFACE PkgConfig::RCUBOX_URCU)
    set(${found_var} TRUE PARENT_SCOPE)
    return()
  endif()

  find_path(RCUBOX_URCU_INCLUDE_DIR urcu/urcu-memb.h)
  find_library(RCUBOX_URCU_MEMB_LIBRARY urcu-memb)
  find_library(RCUBOX_URCU_COMMON_LIBRARY urcu-common)
  if(NOT RCUBOX_URCU_INCLUDE_DIR OR NOT RCUBOX_URCU_MEMB_LIBRARY
     OR NOT RCUBOX_URCU_COMMON_LIBRARY)
    set(${found_var} FALSE PARENT_SCOPE)
    return()
  endif()
  add_library(rcubox::urcu INTERFACE IMPORTED)
  target_include_directories(rcubox::urcu INTERFACE ${RCUBOX_URCU_INCLUDE_DIR})
  target_link_libraries(rcubox::urcu INTERFACE
    ${RCUBOX_URCU_MEMB_LIBRARY} ${RCUBOX_URCU_COMMON_LIBRARY})
  set(${found_var} TRUE PARENT_SCOPE)
endfunction()
