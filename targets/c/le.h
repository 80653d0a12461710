/* Little-endian reads and writes of the firmware's records and the rows file (byte order fixed by
 * host/replay/rowsFile.ts and the wasm linear memory), whatever the board's own byte order. */
#ifndef UVPF_LE_H
#define UVPF_LE_H
#include <stdint.h>
#include <string.h>

static inline uint16_t rd16(const uint8_t* p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t rd32(const uint8_t* p) { return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24); }
static inline double rdf64(const uint8_t* p) {
  uint64_t bits = (uint64_t)rd32(p) | ((uint64_t)rd32(p + 4) << 32);
  double d;
  memcpy(&d, &bits, sizeof d);
  return d;
}
static inline void wr16(uint8_t* p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void wr32(uint8_t* p, uint32_t v) { wr16(p, v); wr16(p + 2, v >> 16); }

#endif
