# rcubox_enable_checks(<target> [CHECKS <glob>...] [WERROR])
#
# Compile <target>'s C++ sources with the rcu-lifetime plugin loaded, so the
# rcubox checks run as part of the normal build. The plugin only adds
# diagnostics; code generation is unchanged.
#   CHECKS <glob>...  clang-tidy style selection, joined with commas and passed
#                     as -fplugin-arg-rcu-lifetime-checks=, e.g. CHECKS "-*"
#                     rcu-borrow-escape
#   WERROR            findings are errors (-fplugin-arg-rcu-lifetime-werror)
#
# A Clang plugin is built against one LLVM and loads only into a clang++ of
# the same major version, so the flags are added only for that compiler. For
# any other compiler (GCC, another Clang) the function does nothing and says
# so in one status line per configure run: such builds are checked with
# `rcu-check -p <build-dir>`, which reads compile_commands.json instead.
#
# This file serves the build tree and the installed package alike. Which
# plugin to load is recorded once with _rcubox_checks_use_plugin(): by the
# top-level CMakeLists.txt (the plugin built in the tree) or by
# rcuboxConfig.cmake (the installed one). It is kept in global properties
# because rcubox_enable_checks() may be called from any directory.

# _rcubox_checks_use_plugin(FILE <plugin.so> LLVM_VERSION <major>
#                           [DEPENDS <target>...])
# _rcubox_checks_use_plugin(MISSING <why there is no plugin>)
#   DEPENDS: in-tree targets that build the plugin (the shim and the module it
#   loads): users are built after them, and re-checked when they change.
function(_rcubox_checks_use_plugin)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "FILE;LLVM_VERSION;MISSING" "DEPENDS")
  set(files ${arg_FILE})
  foreach(dep IN LISTS arg_DEPENDS)
    if(TARGET ${dep})
      _rcubox_module_file(file ${dep})
      if(file)
        list(APPEND files ${file})
      endif()
    endif()
  endforeach()
  list(REMOVE_DUPLICATES files)
  set_property(GLOBAL PROPERTY RCUBOX_CHECKS_PLUGIN "${arg_FILE}")
  set_property(GLOBAL PROPERTY RCUBOX_CHECKS_PLUGIN_FILES "${files}")
  set_property(GLOBAL PROPERTY RCUBOX_CHECKS_LLVM_VERSION "${arg_LLVM_VERSION}")
  set_property(GLOBAL PROPERTY RCUBOX_CHECKS_DEPENDS "${arg_DEPENDS}")
  set_property(GLOBAL PROPERTY RCUBOX_CHECKS_MISSING "${arg_MISSING}")
endfunction()

# The path a MODULE target is built at, spelled without generator expressions
# (OBJECT_DEPENDS takes none), or nothing if its properties do not say.
function(_rcubox_module_file out_var target)
  set(${out_var} "" PARENT_SCOPE)
  get_target_property(dir ${target} LIBRARY_OUTPUT_DIRECTORY)
  get_target_property(prefix ${target} PREFIX)
  get_target_property(name ${target} OUTPUT_NAME)
  get_target_property(suffix ${target} SUFFIX)
  if(NOT dir OR dir MATCHES "\\$<")
    return()
  endif()
  if(prefix STREQUAL "prefix-NOTFOUND")
    set(prefix ${CMAKE_SHARED_MODULE_PREFIX})
  endif()
  if(NOT name)
    set(name ${target})
  endif()
  if(NOT suffix)
    set(suffix ${CMAKE_SHARED_MODULE_SUFFIX})
  endif()
  set(${out_var} ${dir}/${prefix}${name}${suffix} PARENT_SCOPE)
endfunction()

# Why the checks cannot run in this build, or "" if they can.
function(_rcubox_checks_unavailable out_var)
  get_property(plugin GLOBAL PROPERTY RCUBOX_CHECKS_PLUGIN)
  get_property(llvm GLOBAL PROPERTY RCUBOX_CHECKS_LLVM_VERSION)
  get_property(missing GLOBAL PROPERTY RCUBOX_CHECKS_MISSING)
  string(REGEX MATCH "^[0-9]+" major "${CMAKE_CXX_COMPILER_VERSION}")
  set(compiler "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}")
  if(NOT plugin)
    if(NOT missing)
      set(missing "no rcu-lifetime plugin is known (include RcuboxChecks through rcubox's CMakeLists.txt or find_package(rcubox))")
    endif()
    set(why "${missing}")
  elseif(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    set(why "the C++ compiler is ${compiler}; the rcu-lifetime plugin loads only into Clang ${llvm}")
  elseif(NOT major STREQUAL llvm)
    set(why "the C++ compiler is ${compiler}; the rcu-lifetime plugin was built for Clang ${llvm} and loads into no other version")
  else()
    set(why "")
  endif()
  set(${out_var} "${why}" PARENT_SCOPE)
endfunction()

function(rcubox_enable_checks target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "WERROR" "" "CHECKS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "rcubox_enable_checks: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "rcubox_enable_checks: ${target} is not a target")
  endif()

  _rcubox_checks_unavailable(why)
  if(why)
    # One line per configure run: the reason is the same for every target.
    get_property(reported GLOBAL PROPERTY RCUBOX_CHECKS_REPORTED)
    if(NOT reported)
      set_property(GLOBAL PROPERTY RCUBOX_CHECKS_REPORTED TRUE)
      message(STATUS "rcubox: rcubox_enable_checks() adds no checks to this build: ${why}; check it with `rcu-check -p <build-dir>` instead")
    endif()
    return()
  endif()

  get_property(plugin GLOBAL PROPERTY RCUBOX_CHECKS_PLUGIN)
  set(flags "-fplugin=${plugin}")
  if(arg_CHECKS)
    list(JOIN arg_CHECKS "," globs)
    list(APPEND flags "-fplugin-arg-rcu-lifetime-checks=${globs}")
  endif()
  if(arg_WERROR)
    list(APPEND flags "-fplugin-arg-rcu-lifetime-werror")
  endif()
  # C++ only: a C source in the same target may go to a compiler that would
  # take -fplugin= as one of its own plugins.
  target_compile_options(${target} PRIVATE "$<$<COMPILE_LANGUAGE:CXX>:${flags}>")

  # Re-check the sources whenever the plugin changes; in the tree, build it
  # first.
  get_property(plugin_targets GLOBAL PROPERTY RCUBOX_CHECKS_DEPENDS)
  foreach(dep IN LISTS plugin_targets)
    if(TARGET ${dep})
      add_dependencies(${target} ${dep})
    endif()
  endforeach()
  get_property(plugin_files GLOBAL PROPERTY RCUBOX_CHECKS_PLUGIN_FILES)
  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  foreach(source IN LISTS sources)
    if(source MATCHES "\\$<")
      continue()
    endif()
    cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY ${source_dir})
    set_property(SOURCE ${source} TARGET_DIRECTORY ${target}
      APPEND PROPERTY OBJECT_DEPENDS ${plugin_files})
  endforeach()
endfunction()
