# What `cmake --install` puts where (GNUInstallDirs places), and the CMake
# and pkg-config packages that describe it. docs/install.md is the user's view.
include(CMakePackageConfigHelpers)

set(RCUBOX_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/rcubox)
set(RCUBOX_INSTALL_PLUGINDIR ${CMAKE_INSTALL_LIBDIR}/rcubox)

# --- the runtime --------------------------------------------------------------
install(TARGETS rcubox_runtime EXPORT rcubox-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
# The whole directory rather than a file list, so a new header needs no edit
# here. rcubox_runtime's INSTALL_INTERFACE include directory points at it.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/include/rcu
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp")

# --- the analysis front ends, each only if it is built --------------------------
# A front end is a small shim that checks the host's LLVM version, plus the
# real module (-impl) the shim loads from its own directory: keep them together.
foreach(module rcu-lifetime rcu-lifetime-impl rcu-tidy rcu-tidy-impl)
  if(TARGET ${module})
    install(TARGETS ${module} LIBRARY DESTINATION ${RCUBOX_INSTALL_PLUGINDIR})
  endif()
endforeach()
if(TARGET rcu-check)
  install(TARGETS rcu-check RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
# Keep the path to LLVM's libraries when they are not in a system directory
# (rcu-check has no host process that has already loaded them).
foreach(frontend rcu-lifetime rcu-lifetime-impl rcu-tidy rcu-tidy-impl rcu-check)
  if(TARGET ${frontend})
    set_target_properties(${frontend} PROPERTIES INSTALL_RPATH_USE_LINK_PATH TRUE)
  endif()
endforeach()

# --- documentation ------------------------------------------------------------
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})

# --- CMake package: find_package(rcubox CONFIG) -------------------------------
install(EXPORT rcubox-targets NAMESPACE rcubox:: FILE rcuboxTargets.cmake
  DESTINATION ${RCUBOX_INSTALL_CMAKEDIR})

# The plugin rcubox_enable_checks() loads, relative to the prefix, and the LLVM
# major it was built for (empty: installed without the plugin).
if(TARGET rcu-lifetime)
  cmake_path(GET RCUBOX_PLUGIN_FILE FILENAME plugin_name)
  set(RCUBOX_PACKAGE_PLUGIN ${RCUBOX_INSTALL_PLUGINDIR}/${plugin_name})
  set(RCUBOX_PACKAGE_LLVM_VERSION ${RCUBOX_LLVM_VERSION})
else()
  set(RCUBOX_PACKAGE_PLUGIN "")
  set(RCUBOX_PACKAGE_LLVM_VERSION "")
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/rcuboxConfig.cmake.in
  ${PROJECT_BINARY_DIR}/package/rcuboxConfig.cmake
  INSTALL_DESTINATION ${RCUBOX_INSTALL_CMAKEDIR})
# SameMajorVersion: find_package(rcubox 1.2) accepts any 1.x >= 1.2. While the
# major version is 0 that is any 0.y >= 0.2 (docs/install.md says so).
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/package/rcuboxConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES
    ${PROJECT_BINARY_DIR}/package/rcuboxConfig.cmake
    ${PROJECT_BINARY_DIR}/package/rcuboxConfigVersion.cmake
    ${PROJECT_SOURCE_DIR}/cmake/RcuboxChecks.cmake
    ${PROJECT_SOURCE_DIR}/cmake/RcuboxUrcu.cmake
  DESTINATION ${RCUBOX_INSTALL_CMAKEDIR})

# --- pkg-config: rcubox.pc, for the runtime -----------------------------------
# Relocatable: the prefix is found from the .pc file's own place (pcfiledir),
# so `cmake --install --prefix <anywhere>` gives a working file.
function(rcubox_pc_dir out_var dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out_var} "${dir}" PARENT_SCOPE)
  else()
    set(${out_var} "\${prefix}/${dir}" PARENT_SCOPE)
  endif()
endfunction()
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(RCUBOX_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  string(REGEX REPLACE "[^/]+" ".." up "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
  set(RCUBOX_PC_PREFIX "\${pcfiledir}/${up}")
endif()
rcubox_pc_dir(RCUBOX_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
rcubox_pc_dir(RCUBOX_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
# The runtime's public compile definitions, exactly as CMake users get them.
get_target_property(defs rcubox_runtime INTERFACE_COMPILE_DEFINITIONS)
if(defs MATCHES "\\$<")
  message(FATAL_ERROR "rcubox.pc: rcubox_runtime's public definitions use a generator expression: ${defs}")
endif()
list(TRANSFORM defs PREPEND "-D")
list(JOIN defs " " RCUBOX_PC_DEFINITIONS)
configure_file(${PROJECT_SOURCE_DIR}/cmake/rcubox.pc.in ${PROJECT_BINARY_DIR}/package/rcubox.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/package/rcubox.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
