/* uvpf-replay: replays a rows file (host/replay/rowsFile.ts writes it from a recorded stream or a
 * *_data.txt) through the firmware, exactly as the Node replay does (host/replay/replaySession.ts and
 * host/firmware/floatTelemetry.ts), and writes <out>/rs232.log and <out>/telemetry/<files>: the bytes
 * `uvp-float replay --out --telemetry` writes (each kind's CTS5 file whole, not split into #NN parts). It prints one UVPF-FRAME line per pixel frame and a
 * UVPF-TOTAL line (counts in port_now units: ns natively, instructions on the Cortex-M).
 * Usage: uvpf-replay <rows file> <out dir>   (out dir and out dir/telemetry must exist)
 * Exit codes: 0 ok, 64 usage, 65 bad rows file, 70 firmware refused the configuration, 73 output. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "port.h"
#include "le.h"
#include "rs232.h"
#include "uvpf.h"

#define FW(name) Z_uvpfZ_##name
enum { OK = 0, RECORD_QUEUE_FULL = 26, PART_WAITING = 76, NO_CLASSIFIER = 43, MODEL_TOO_LARGE = 51 };
enum { RECORD_BYTES = 128, NO_PHASE = 255, TRIPLETS_PER_RECORD = 25, PRIOR_TABLE_BYTES = 4504 };
/* The firmware ABI this host speaks (ABI_VERSION in assembly/index.ts: part protocol, prior tables, status codes). */
#define UVPF_ABI_VERSION 2u
#ifndef UVPF_MAX_PENDING_TAXO
#define UVPF_MAX_PENDING_TAXO 255 /* TAXO records of one bloc's frames (at most 255 frames per bloc), held until its LPM record */
#endif

static uint32_t float_id, cycle, pattern;
static char serial_hex[5];
static uint16_t width_px, height_px;
static int float_on = 0;
static unsigned phase = NO_PHASE;
static uint8_t pending_taxo[UVPF_MAX_PENDING_TAXO][RECORD_BYTES];
static unsigned pending_count = 0;
static unsigned cts5_chunks[3];
static char line[1024];

/* Counts, in port_now units. */
static uint64_t t_classify, t_records, t_readback, t_float, t_start;
static unsigned n_frames, n_skipped, n_candidates, n_records, n_sbd, n_cts5;

static void fail(int code, const char* what) {
  fprintf(stderr, "uvpf-replay: %s\n", what);
  port_close();
  exit(code);
}

static uint32_t read_u32(void) {
  uint8_t b[4];
  if (port_read(b, 4)) fail(65, "rows file cut short");
  return rd32(b);
}

/* A length-prefixed block of the header, copied to `dst` in the firmware (or skipped when dst is NULL). */
static uint32_t read_block(uint8_t* dst, uint32_t capacity) {
  uint32_t n = read_u32();
  if (n > capacity) fail(65, "rows file block larger than its firmware buffer");
  if (dst ? port_read(dst, n) : port_skip(n)) fail(65, "rows file cut short");
  return n;
}

/* floatTelemetry.drain: copies out every sealed part (SBD messages in sequence order) and releases it. A CTS5
 * part is a 4,096-byte chunk of its kind's one file for the cycle: appended to it, as FloatTelemetry joins them. */
static uint32_t drain(void) {
  static const char* kinds[3] = {"lpm", "blk", "txo"};
  uint32_t status = OK;
  uint32_t mask = FW(telemetryReadyParts)(&uvpf);
  while (mask != 0) {
    int order[6], n = 0;
    for (int s = 0; s < 6; s++) {
      if (!(mask & (1u << s))) continue;
      int seq = s >= 3 ? uvpf_mem(FW(telemetryPartPtr)(&uvpf, s))[7] : -1;
      int at = n++;
      /* insertion by (seq, stream) */
      while (at > 0) {
        int prev = order[at - 1];
        int pseq = prev >= 3 ? uvpf_mem(FW(telemetryPartPtr)(&uvpf, prev))[7] : -1;
        if (pseq < seq || (pseq == seq && prev < s)) break;
        order[at] = prev;
        at--;
      }
      order[at] = s;
    }
    for (int i = 0; i < n; i++) {
      int s = order[i];
      const uint8_t* bytes = uvpf_mem(FW(telemetryPartPtr)(&uvpf, s));
      uint32_t len = FW(telemetryPartBytes)(&uvpf, s);
      char name[96];
      if (s < 3) {
        snprintf(name, sizeof name, "%s_%03lu_%02lu_uvp6_%s.hex", serial_hex, (unsigned long)cycle, (unsigned long)pattern, kinds[s]);
        if (cts5_chunks[s]++ == 0) n_cts5++;
        port_store_part(name, bytes, len, cts5_chunks[s] > 1);
      } else {
        snprintf(name, sizeof name, "%lu_%03lu_%03u.sbd", (unsigned long)float_id, (unsigned long)cycle, len > 7 ? bytes[7] : 0);
        n_sbd++;
        port_store_part(name, bytes, len, 0);
      }
      uint32_t released = FW(telemetryReleasePart)(&uvpf, s);
      if (status == OK) status = released;
    }
    mask = FW(telemetryReadyParts)(&uvpf);
  }
  return status;
}

/* floatTelemetry.retrying: a call answering PART_WAITING is retried after the parts are drained. */
static uint32_t push_bloc_retrying(void) {
  uint32_t s = FW(floatPushBloc)(&uvpf);
  for (int i = 0; i < 4 && s == PART_WAITING; i++) {
    uint32_t released = drain();
    s = FW(floatPushBloc)(&uvpf);
    if (s == OK) s = released;
  }
  uint32_t released = drain();
  return s == OK ? released : s;
}

static void set_phase(unsigned code) {
  if (!float_on || code == phase) return;
  phase = code;
  uint32_t s = FW(floatSetPhase)(&uvpf, code);
  for (int i = 0; i < 4 && s == PART_WAITING; i++) {
    drain();
    s = FW(floatSetPhase)(&uvpf, code);
  }
  drain();
}

/* The bloc's numbers as its printed line gives them back (blocAsPrinted in host/telemetry/rs232Blocs.ts):
 * pressure and temperature read from their 2-decimal text (strtod rounds correctly, as Number does), time to
 * the second, as many frames accumulated as images printed, over-exposed when an LPM line shows no image. */
static double printed_2dp(double x) {
  char text[48];
  uvpf_to_fixed2(text, sizeof text, x);
  return strtod(text, NULL);
}

/* floatTelemetry.pushTaxo of the bloc's TAXO_DATA line read back: every triplet of its frames' TAXO records
 * in one record covering `images` images, fed in chunks of 25 triplets (at least one, even with none). */
static void push_taxo(uint8_t (*taxo)[RECORD_BYTES], unsigned nt, uint32_t images, double t, double p) {
  unsigned total = 0;
  for (unsigned i = 0; i < nt; i++) total += rd16(taxo[i] + 2);
  unsigned rec = 0, in_rec = 0; /* next triplet: record `rec`, triplet `in_rec` of it */
  for (unsigned start = 0; start == 0 || start < total; start += TRIPLETS_PER_RECORD) {
    unsigned chunk = total - start < TRIPLETS_PER_RECORD ? total - start : TRIPLETS_PER_RECORD;
    uint8_t* v = uvpf_mem(FW(blocStagingPtr)(&uvpf));
    memset(v, 0, RECORD_BYTES);
    v[0] = 3;
    wr16(v + 2, chunk);
    memcpy(v + 8, &t, 8);
    memcpy(v + 16, &p, 8);
    wr32(v + 24, start == 0 ? images : 0);
    for (unsigned k = 0; k < chunk; k++) {
      while (in_rec >= rd16(taxo[rec] + 2)) rec++, in_rec = 0;
      memcpy(v + 28 + 4 * k, taxo[rec] + 28 + 4 * in_rec, 4); /* class, grey, volume: the same layout */
      in_rec++;
    }
    FW(floatPushBloc)(&uvpf);
  }
  drain();
}

/* A bloc's numbers as printed: time, pressure, temperature. */
struct printed { double t, p, c; };
static struct printed as_printed(const uint8_t* rec) {
  struct printed b = {floor(rdf64(rec + 8)), printed_2dp(rdf64(rec + 16)), printed_2dp(rdf64(rec + 24))};
  return b;
}

/* floatTelemetry.pushBloc(blocAsPrinted(record)): the bloc's TAXO line when it has one, then the bloc itself. */
static void push_bloc(const uint8_t* rec, struct printed b, uint8_t (*taxo)[RECORD_BYTES], unsigned nt, int has_taxo) {
  uint32_t images = rd16(rec + 2);
  double t = b.t, p = b.p, c = b.c;
  int lpm = rec[0] != 2;
  if (has_taxo) push_taxo(taxo, nt, images, t, p);
  uint8_t* v = uvpf_mem(FW(blocStagingPtr)(&uvpf));
  memset(v, 0, RECORD_BYTES);
  v[0] = lpm ? 1 : 2;
  v[1] = lpm && images == 0;
  wr16(v + 2, images);
  wr16(v + 4, images);
  memcpy(v + 8, &t, 8);
  memcpy(v + 16, &p, 8);
  memcpy(v + 24, &c, 8);
  memcpy(v + 32, rec + 32, 72); /* counts */
  if (lpm) memcpy(v + 104, rec + 104, 18); /* greys */
  push_bloc_retrying();
}

/* An LPM or BLACK record: its TAXO_DATA line first when it carries TAXO records, its own line, then the float side. */
static void handle_record(const uint8_t* rec, int has_taxo) {
  uint64_t t0 = port_now();
  if (has_taxo) {
    int n = uvpf_taxo_head(line, sizeof line, rd16(rec + 2));
    port_uart_write(line, (size_t)n);
    for (unsigned i = 0; i < pending_count; i++) {
      n = uvpf_taxo_triplets(line, sizeof line, pending_taxo[i]);
      port_uart_write(line, (size_t)n);
    }
    port_uart_line(";", 1);
  }
  int n = uvpf_record_line(line, sizeof line, rec);
  port_uart_line(line, (size_t)n);
  uint64_t t1 = port_now();
  t_records += t1 - t0;
  if (float_on) {
    struct printed b = as_printed(rec); /* the line read back: the float's parsing, counted apart from its encoders */
    uint64_t t2 = port_now();
    t_readback += t2 - t1;
    push_bloc(rec, b, pending_taxo, has_taxo ? pending_count : 0, has_taxo);
    t_float += port_now() - t2;
  }
  n_records++;
  if (has_taxo) pending_count = 0;
}

/* replaySession.collect through firmware.takeRecords: TAXO records wait for their bloc's LPM record. */
static void collect(void) {
  while (FW(recordCount)(&uvpf) > 0) {
    uint8_t rec[RECORD_BYTES];
    memcpy(rec, uvpf_mem(FW(recordPtr)(&uvpf)), RECORD_BYTES);
    FW(takeRecord)(&uvpf);
    if (rec[0] == 3) {
      if (pending_count == UVPF_MAX_PENDING_TAXO) fail(70, "more TAXO records in one bloc than UVPF_MAX_PENDING_TAXO");
      memcpy(pending_taxo[pending_count++], rec, RECORD_BYTES);
      continue;
    }
    handle_record(rec, rec[0] == 1 && (pending_count > 0 || FW(classificationOn)(&uvpf)));
  }
}

static uint32_t begin_frame(uint32_t kind, double t, double p, double c) {
  uint32_t s = FW(beginFrame)(&uvpf, kind, t, p, c);
  if (s != RECORD_QUEUE_FULL) return s;
  collect();
  return FW(beginFrame)(&uvpf, kind, t, p, c);
}

/* firmware.classifyPendingFrame: each candidate's bounding box, read back from the frame in the rows file. */
static void classify_pending(uint64_t frame_offset) {
  if (!FW(isClassifying)(&uvpf)) return;
  uint64_t t0;
  uint32_t max_px = FW(vignetteMaxPixels)(&uvpf);
  uint32_t count = FW(candidateCount)(&uvpf);
  for (uint32_t i = 0; i < count; i++) {
    const uint8_t* box = uvpf_mem(FW(candidatePtr)(&uvpf, i));
    uint32_t x0 = rd16(box + 8), y0 = rd16(box + 10), w = rd16(box + 12) - x0 + 1, h = rd16(box + 14) - y0 + 1;
    if (w * h <= max_px) {
      uint8_t* vignette = uvpf_mem(FW(vignetteBufferPtr)(&uvpf));
      for (uint32_t y = 0; y < h; y++) {
        if (port_read_at(frame_offset + (uint64_t)(y0 + y) * width_px + x0, vignette + y * w, w)) fail(65, "rows file cut short");
      }
    }
    t0 = port_now(); /* the firmware's work only: reading the vignette back is the board's I/O */
    FW(classifyCandidate)(&uvpf, i);
    t_classify += port_now() - t0;
  }
  t0 = port_now();
  FW(finishClassification)(&uvpf);
  t_classify += port_now() - t0;
  n_candidates += count;
}

static void pixel_frame(uint32_t kind, unsigned code, double t, double p, double c, unsigned index) {
  uint8_t size[4];
  if (port_read(size, 4)) fail(65, "rows file cut short");
  uint32_t w = rd16(size), h = rd16(size + 2);
  uint64_t offset = port_tell();
  if (width_px == 0 || w != width_px || h != height_px) {
    n_skipped++;
    if (port_skip((uint64_t)w * h)) fail(65, "rows file cut short");
    return;
  }
  uint64_t ticks = 0, t0 = port_now();
  uint32_t s = begin_frame(kind, t, p, c);
  ticks += port_now() - t0;
  uint8_t* row = uvpf_mem(FW(rowBufferPtr)(&uvpf));
  uint32_t y = 0;
  for (; s == OK && y < h; y++) {
    if (port_read(row, w)) fail(65, "rows file cut short");
    t0 = port_now();
    s = FW(pushRow)(&uvpf, y, w);
    ticks += port_now() - t0;
  }
  if (y < h && port_skip((uint64_t)(h - y) * w)) fail(65, "rows file cut short");
  if (s != OK) {
    FW(abortFrame)(&uvpf);
    n_skipped++;
    return;
  }
  t0 = port_now();
  s = FW(endFrame)(&uvpf);
  ticks += port_now() - t0;
  if (s != OK) {
    n_skipped++;
    return;
  }
  uint64_t c0 = t_classify;
  unsigned k0 = n_candidates;
  uint64_t end = port_tell();
  classify_pending(offset);
  if (port_tell() != end) fail(65, "rows file position lost");
  printf("UVPF-FRAME %u %lux%lu objects=%lu fg=%lu ticks=%llu classify=%llu candidates=%u\n", index, (unsigned long)w, (unsigned long)h,
         (unsigned long)FW(frameObjectCount)(&uvpf), (unsigned long)FW(frameForegroundPixels)(&uvpf), (unsigned long long)ticks,
         (unsigned long long)(t_classify - c0), n_candidates - k0);
  n_frames++;
  if (code != NO_PHASE) set_phase(code);
  collect();
}

static void histogram_frame(uint32_t kind, unsigned code, int overexposed, double t, double p, double c) {
  uint32_t entries = read_u32();
  uint32_t s = begin_frame(kind | 2, t, p, c);
  if (s == OK && overexposed) s = FW(markFrameOverexposed)(&uvpf);
  for (uint32_t i = 0; i < entries; i++) {
    uint8_t e[16];
    if (port_read(e, 16)) fail(65, "rows file cut short");
    if (s == OK) s = FW(pushAreaCount)(&uvpf, rd32(e), rd32(e + 4), rdf64(e + 8));
  }
  if (s != OK) {
    FW(abortFrame)(&uvpf);
    n_skipped++;
    return;
  }
  if (FW(endFrame)(&uvpf) != OK) {
    n_skipped++;
    return;
  }
  n_frames++;
  if (code != NO_PHASE) set_phase(code);
  collect();
}

static void header(void) {
  uint8_t magic[8], ids[20];
  if (port_read(magic, 8) || memcmp(magic, "UVPROWS2", 8) != 0) fail(65, "not a rows file of this version (magic UVPROWS2)");
  if (port_read(ids, 20)) fail(65, "rows file cut short");
  float_id = rd32(ids);
  cycle = rd32(ids + 4);
  pattern = rd32(ids + 8);
  width_px = rd16(ids + 12);
  height_px = rd16(ids + 14);
  memcpy(serial_hex, ids + 16, 4);
  serial_hex[4] = 0;
  uint32_t n = read_u32(); /* RS232 header lines */
  for (uint32_t done = 0; done < n;) {
    uint32_t chunk = n - done < sizeof line ? n - done : (uint32_t)sizeof line;
    if (port_read(line, chunk)) fail(65, "rows file cut short");
    port_uart_write(line, chunk);
    done += chunk;
  }
  if (n > 0) port_uart_write("\n", 1);
  n = read_block(uvpf_mem(FW(configBufferPtr)(&uvpf)), FW(configBufferBytes)(&uvpf));
  if (FW(configure)(&uvpf, n) != OK) fail(70, "the firmware refused the configuration");
  n = read_u32(); /* model */
  if (n > 0) {
    if (!FW(classifierBuilt)(&uvpf)) fail(70, "the firmware refused the model: this is the lpm build, which has no classifier");
    if (n > FW(modelCapacityBytes)(&uvpf)) fail(70, "the firmware refused the model: larger than its model area");
    if (port_read(uvpf_mem(FW(modelStagingPtr)(&uvpf)), n)) fail(65, "rows file cut short");
    if (FW(loadModel)(&uvpf, n) != OK) fail(70, "the firmware refused the model");
  }
  /* ReplaySession: the prior table goes in before the float is configured (floatSetPriors starts a new cycle). */
  n = read_block(uvpf_mem(FW(priorTablePtr)(&uvpf)), PRIOR_TABLE_BYTES);
  if (n > 0 && FW(floatSetPriors)(&uvpf, n) != OK) fail(70, "the firmware refused the SBD prior table");
  n = read_block(uvpf_mem(FW(floatConfigPtr)(&uvpf)), 4096);
  if (n > 0) {
    if (FW(floatConfigure)(&uvpf, n) != OK) fail(70, "the firmware refused the float configuration");
    float_on = 1;
  }
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: uvpf-replay <rows file> <out dir>\n");
    return 64;
  }
  t_start = port_now();
  uvpf_start();
  uint64_t t_instantiated = port_now();
  if (*FW(ABI_VERSION)(&uvpf) != UVPF_ABI_VERSION) {
    fprintf(stderr, "uvpf-replay: the firmware speaks ABI %lu, this host ABI %u\n", (unsigned long)*FW(ABI_VERSION)(&uvpf), UVPF_ABI_VERSION);
    return 70;
  }
  if (port_open(argv[1], argv[2])) fail(73, "cannot open the rows file or write <out>/rs232.log");
  header();
  for (unsigned index = 0;; index++) {
    uint8_t head[28];
    if (port_read(head, 1)) fail(65, "rows file cut short (no end tag)");
    if (head[0] == 'E') break;
    if ((head[0] != 'F' && head[0] != 'H') || port_read(head + 1, 27)) fail(65, "bad frame tag in the rows file");
    double t = rdf64(head + 4), p = rdf64(head + 12), c = rdf64(head + 20);
    if (head[0] == 'F') pixel_frame(head[1], head[2], t, p, c, index);
    else histogram_frame(head[1], head[2], head[3] & 1, t, p, c);
  }
  FW(flushBlocs)(&uvpf);
  collect();
  if (float_on) {
    uint64_t t0 = port_now();
    for (int i = 0; i < 16; i++) {
      uint32_t s = FW(floatFinish)(&uvpf);
      drain();
      if (s != PART_WAITING) break;
    }
    t_float += port_now() - t0;
  }
  port_close();
  printf("UVPF-TOTAL unit=%s frames=%u skipped=%u records=%u candidates=%u cts5=%u sbd=%u instantiate=%llu classify=%llu format=%llu readback=%llu float=%llu\n",
         port_now_unit(), n_frames, n_skipped, n_records, n_candidates, n_cts5, n_sbd, (unsigned long long)(t_instantiated - t_start),
         (unsigned long long)t_classify, (unsigned long long)t_records, (unsigned long long)t_readback, (unsigned long long)t_float);
  return 0;
}
