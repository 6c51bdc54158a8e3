#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/* The 64 round constants of SHA-256. */
extern const uint32_t csha256_k[64];

/* 1 when this processor has the SHA extensions (x86-64 SHA-NI), else 0. */
int csha256_hardware_available(void);

/* Compresses `blocks` 64-byte blocks into `state` (eight words, H0 first) with the SHA extensions.
   Call only when csha256_hardware_available() returned 1. */
void csha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
