# posenc_bench_flags(TARGET): compiles TARGET with POSENC_BENCH_BUILD_TYPE and
# POSENC_BENCH_FLAGS (the build type and the compile flags in effect), which
# bench/machine.cpp prints beside the numbers. Used by bench/kernels and bench/gbench.
function(posenc_bench_flags target)
  string(TOUPPER "${CMAKE_BUILD_TYPE}" build_type_upper)
  get_directory_property(options COMPILE_OPTIONS)
  list(JOIN options " " options)
  string(STRIP "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${build_type_upper}} ${options}" flags)
  target_compile_definitions(${target} PRIVATE POSENC_BENCH_BUILD_TYPE="${CMAKE_BUILD_TYPE}"
                                               POSENC_BENCH_FLAGS="${flags}")
endfunction()
