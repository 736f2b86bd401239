# ctest's replay of a libFuzzer build: libFuzzer treats folder arguments as corpora to fuzz, so the
# seed and regression files are passed one by one, and it runs each once and exits.
#   cmake -DFUZZER=path -DSEEDS=dir -DREGRESSIONS=dir -P replay_with_libfuzzer.cmake
file(GLOB_RECURSE inputs LIST_DIRECTORIES false ${SEEDS}/* ${REGRESSIONS}/*)
list(LENGTH inputs count)
if(count EQUAL 0)
  message(FATAL_ERROR "no inputs to replay in ${SEEDS} or ${REGRESSIONS}")
endif()
execute_process(COMMAND ${FUZZER} ${inputs} RESULT_VARIABLE result OUTPUT_QUIET ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${FUZZER} failed on its corpus (exit ${result}):\n${errors}")
endif()
message(STATUS "${count} inputs ran clean")
