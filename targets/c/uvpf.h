/* The firmware as a C library: the wasm2c translation of the MVP build (generated into build/c/, never
 * committed) behind a few names. Every firmware export is Z_uvpfZ_<name>(&uvpf, ...) with the same
 * arguments and status codes as the WebAssembly export (assembly/index.ts); addresses it returns are
 * offsets into its linear memory, turned into pointers by uvpf_mem. */
#ifndef UVPF_H
#define UVPF_H
#include "uvpf_fw.h"

/** The one firmware instance (its linear memory is a static array in uvpf_rt.c). */
extern Z_uvpf_instance_t uvpf;

/** Initialises the runtime and instantiates the firmware (fixed memory, data segments loaded). */
void uvpf_start(void);
/** Pointer to the firmware's linear memory at offset `addr`. */
static inline uint8_t* uvpf_mem(uint32_t addr) { return uvpf.w2c_memory.data + addr; }
#endif
