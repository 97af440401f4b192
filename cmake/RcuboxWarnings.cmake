# rcubox_set_warnings(<target>): the warning set every project target builds with.
function(rcubox_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(RCUBOX_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
