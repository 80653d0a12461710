/* The port over C stdio: natively and, through semihosting (newlib's rdimon), on the Cortex-M under QEMU.
 * The clock is clock_gettime natively and SysTick (arm/startup.c) on the board. */
#include "port.h"
#include <stdio.h>
#include <string.h>

static FILE* in = NULL;
static FILE* log_file = NULL;
static char dir[512];

int port_open(const char* rows_path, const char* out_dir) {
  in = fopen(rows_path, "rb");
  if (!in) return 1;
  snprintf(dir, sizeof dir, "%s", out_dir);
  char path[600];
  snprintf(path, sizeof path, "%s/rs232.log", dir);
  log_file = fopen(path, "wb");
  return log_file ? 0 : 2;
}

int port_read(void* dst, uint32_t n) { return n == 0 || fread(dst, 1, n, in) == n ? 0 : 1; }
uint64_t port_tell(void) { return (uint64_t)ftell(in); }
int port_skip(uint64_t n) { return fseek(in, (long)n, SEEK_CUR) == 0 ? 0 : 1; }

int port_read_at(uint64_t offset, void* dst, uint32_t n) {
  long here = ftell(in);
  if (fseek(in, (long)offset, SEEK_SET) != 0) return 1;
  int bad = port_read(dst, n);
  return fseek(in, here, SEEK_SET) != 0 || bad;
}

void port_uart_write(const char* s, size_t n) { fwrite(s, 1, n, log_file); }
void port_uart_line(const char* line, size_t n) {
  fwrite(line, 1, n, log_file);
  fputc('\n', log_file);
}

void port_store_part(const char* name, const uint8_t* bytes, uint32_t n, int append) {
  char path[700];
  snprintf(path, sizeof path, "%s/telemetry/%s", dir, name);
  FILE* f = fopen(path, append ? "ab" : "wb");
  if (!f) {
    fprintf(stderr, "uvpf: cannot write %s\n", path);
    return;
  }
  fwrite(bytes, 1, n, f);
  fclose(f);
}

void port_close(void) {
  if (log_file) fclose(log_file);
  if (in) fclose(in);
}

#ifdef UVPF_BARE_METAL
uint64_t uvpf_systick_instructions(void); /* arm/startup.c */
uint64_t port_now(void) { return uvpf_systick_instructions(); }
const char* port_now_unit(void) { return "insn"; }
#else
#include <time.h>
uint64_t port_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}
const char* port_now_unit(void) { return "ns"; }
#endif
