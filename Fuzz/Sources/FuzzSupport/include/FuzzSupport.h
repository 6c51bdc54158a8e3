#ifndef YAKUJI_FUZZ_SUPPORT_H
#define YAKUJI_FUZZ_SUPPORT_H
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's driver (LLVM >= 11). SwiftPM names an executable's entry point <Target>_main and aliases main to
   it, so libFuzzer's own main is never linked: each harness's <Target>_main calls the driver instead. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
