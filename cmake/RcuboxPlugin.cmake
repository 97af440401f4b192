# rcubox_enable_plugin(<target>): compile <target> with the rcu-lifetime plugin
# loaded, when the plugin is built and the compiler is a Clang that can load it.
# The plugin only adds diagnostics; code generation is unchanged.
function(rcubox_enable_plugin target)
  if(NOT TARGET rcu-lifetime)
    return()
  endif()
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(STATUS "rcubox: ${target} is not checked: the plugin needs Clang, not ${CMAKE_CXX_COMPILER_ID}")
    return()
  endif()
  target_compile_options(${target} PRIVATE
    "-fplugin=$<TARGET_FILE:rcu-lifetime>")
  add_dependencies(${target} rcu-lifetime)
  # Re-check the sources whenever the plugin itself changes.
  get_target_property(sources ${target} SOURCES)
  set_source_files_properties(${sources} TARGET_DIRECTORY ${target}
    PROPERTIES OBJECT_DEPENDS ${RCUBOX_PLUGIN_FILE})
endfunction()
