/* The few wasm-rt runtime calls the translated firmware makes (wasm2c 1.0.32), for a hosted or a bare-metal
 * target alike: the linear memory is one static array of exactly the build's pages (it never grows), function
 * types are plain counters (the module makes no indirect call), and a trap prints its cause and stops: the
 * firmware never traps on any input, so a trap means a bug in the translation or the host. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "wasm-rt.h"

#ifndef UVPF_LINEAR_PAGES
#error "UVPF_LINEAR_PAGES (12 for full, 3 for lpm) must be defined"
#endif

/* The firmware's whole linear memory: lies in .bss, so the link map counts it in RAM. */
static uint8_t uvpf_linear_memory[UVPF_LINEAR_PAGES * 65536u] __attribute__((aligned(16)));
static bool initialized = false;
static uint32_t next_func_type = 0;

#if WASM_RT_USE_STACK_DEPTH_COUNT
uint32_t wasm_rt_call_stack_depth = 0;
#endif

void wasm_rt_init(void) { initialized = true; }
bool wasm_rt_is_initialized(void) { return initialized; }
void wasm_rt_free(void) { initialized = false; }

/* Types are only compared for call_indirect, which this module does not use: a distinct id each is enough
 * (and reading the variadic wasm_rt_type_t arguments, which gcc plants a trap for under short enums, is avoided). */
uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...) {
  (void)params;
  (void)results;
  return next_func_type++;
}

void wasm_rt_allocate_memory(wasm_rt_memory_t* memory, uint32_t initial_pages, uint32_t max_pages) {
  if (initial_pages != UVPF_LINEAR_PAGES || max_pages != UVPF_LINEAR_PAGES) {
    fprintf(stderr, "uvpf: the module wants %lu..%lu pages, this build reserves %u\n",
            (unsigned long)initial_pages, (unsigned long)max_pages, (unsigned)UVPF_LINEAR_PAGES);
    exit(70);
  }
  memset(uvpf_linear_memory, 0, sizeof uvpf_linear_memory);
  memory->data = uvpf_linear_memory;
  memory->pages = initial_pages;
  memory->max_pages = max_pages;
  memory->size = initial_pages * 65536u;
}

uint32_t wasm_rt_grow_memory(wasm_rt_memory_t* memory, uint32_t pages) {
  (void)memory;
  (void)pages;
  return UINT32_MAX; /* fixed memory: initial = maximum */
}

void wasm_rt_free_memory(wasm_rt_memory_t* memory) { memory->data = NULL; }

const char* wasm_rt_strerror(wasm_rt_trap_t trap) {
  switch (trap) {
    case WASM_RT_TRAP_NONE: return "no trap";
    case WASM_RT_TRAP_OOB: return "out-of-bounds memory access";
    case WASM_RT_TRAP_INT_OVERFLOW: return "integer overflow";
    case WASM_RT_TRAP_DIV_BY_ZERO: return "integer division by zero";
    case WASM_RT_TRAP_INVALID_CONVERSION: return "invalid conversion";
    case WASM_RT_TRAP_UNREACHABLE: return "unreachable";
    case WASM_RT_TRAP_CALL_INDIRECT: return "call_indirect";
    case WASM_RT_TRAP_UNCAUGHT_EXCEPTION: return "uncaught exception";
    default: return "exhaustion";
  }
}

void wasm_rt_trap(wasm_rt_trap_t trap) {
  fprintf(stderr, "uvpf: firmware trap: %s\n", wasm_rt_strerror(trap));
  exit(70);
}
