/* Where a board plugs in: the row source (here a rows file; on a camera the sensor's row DMA), the UART the
 * RS232 lines go to, the store for telemetry parts, and a clock for instruction or time counts. port_stdio.c
 * implements them with C stdio, which works natively and, through semihosting, on the Cortex-M under QEMU. */
#ifndef UVPF_PORT_H
#define UVPF_PORT_H
#include <stddef.h>
#include <stdint.h>

/** Opens the input (rows file) and the outputs under out_dir; 0 on success. */
int port_open(const char* rows_path, const char* out_dir);
/** Reads exactly n bytes of the input at its current position; 0 on success. */
int port_read(void* dst, uint32_t n);
/** Current position of the input. */
uint64_t port_tell(void);
/** Reads n bytes of the input at `offset` (a vignette row of a frame already fed), then returns to where it was; 0 on success. */
int port_read_at(uint64_t offset, void* dst, uint32_t n);
/** Skips n bytes of the input. */
int port_skip(uint64_t n);
/** Sends one RS232 line (the newline is added). */
void port_uart_line(const char* line, size_t n);
/** Sends part of an RS232 line (a long TAXO_DATA line goes out in pieces). */
void port_uart_write(const char* s, size_t n);
/** Stores telemetry bytes under a file name: an SBD message, or a chunk of a CTS5 file (append: a later chunk
 *  continues the file, the float appending to its file system). */
void port_store_part(const char* name, const uint8_t* bytes, uint32_t n, int append);
/** A monotonic count: nanoseconds natively, instructions on the Cortex-M (QEMU -icount). */
uint64_t port_now(void);
/** Unit of port_now ("ns" or "insn"). */
const char* port_now_unit(void);
/** Closes the outputs. */
void port_close(void);
#endif
