/* RS232 line formatting, byte for byte as the Node host (host/formats/rs232Lines.ts). Two JavaScript rules
 * matter: Number.prototype.toFixed(2) picks the nearer of two neighbours on the exact binary value and the
 * larger on a tie (printf rounds a tie to even), and it prints "-" for any negative value but none for -0. */
#include "le.h"
#include "rs232.h"
#include <math.h>
#include <stdio.h>
#include <string.h>


int uvpf_to_fixed2(char* out, size_t cap, double x) {
  const char* sign = x < 0 ? "-" : "";
  double a = fabs(x);
  /* A tie at two decimals is an exact binary value ending in 5 at the third: a = odd / 8 (a * 8 is exact). */
  double eighths = a * 8.0;
  if (a < 1e15 && eighths == floor(eighths) && fmod(eighths, 2.0) == 1.0) {
    unsigned long long hundredths = (unsigned long long)floor(a * 100.0) + 1; /* a * 100 = k + 0.5 exactly */
    return snprintf(out, cap, "%s%llu.%02llu", sign, hundredths / 100, hundredths % 100);
  }
  return snprintf(out, cap, "%s%.2f", sign, a); /* correctly rounded, as toFixed off a tie */
}

/* Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days). */
static void civil_from_days(long long z, long long* y, unsigned* m, unsigned* d) {
  z += 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = (long long)yoe + era * 400 + (*m <= 2);
}

int uvpf_camera_date_time(char* out, size_t cap, double timeS) {
  long long s = (long long)floor(timeS);
  long long days = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
  long long rem = s - days * 86400;
  long long y;
  unsigned m, d;
  civil_from_days(days, &y, &m, &d);
  return snprintf(out, cap, "%04lld%02u%02u,%02u%02u%02u", y, m, d, (unsigned)(rem / 3600), (unsigned)(rem / 60 % 60), (unsigned)(rem % 60));
}

int uvpf_record_line(char* out, size_t cap, const uint8_t* rec) {
  int black = rec[0] == 2;
  size_t n = 0;
  n += (size_t)snprintf(out + n, cap - n, "%s,", black ? "BLACK_DATA" : "LPM_DATA");
  n += (size_t)uvpf_to_fixed2(out + n, cap - n, rdf64(rec + 16));
  n += (size_t)snprintf(out + n, cap - n, ",");
  n += (size_t)uvpf_camera_date_time(out + n, cap - n, rdf64(rec + 8));
  n += (size_t)snprintf(out + n, cap - n, ",%u,", (unsigned)rd16(rec + 2));
  n += (size_t)uvpf_to_fixed2(out + n, cap - n, rdf64(rec + 24));
  for (int k = 0; k < 18; k++) n += (size_t)snprintf(out + n, cap - n, ",%lu", (unsigned long)rd32(rec + 32 + 4 * k));
  if (!black) for (int k = 0; k < 18; k++) n += (size_t)snprintf(out + n, cap - n, ",%u", (unsigned)rec[104 + k]);
  n += (size_t)snprintf(out + n, cap - n, ";");
  return (int)n;
}

int uvpf_taxo_head(char* out, size_t cap, unsigned images) {
  return snprintf(out, cap, "TAXO_DATA,%u", images);
}

int uvpf_taxo_triplets(char* out, size_t cap, const uint8_t* rec) {
  size_t n = 0;
  unsigned count = rd16(rec + 2);
  for (unsigned i = 0; i < count; i++) {
    const uint8_t* t = rec + 28 + 4 * i;
    n += (size_t)snprintf(out + n, cap - n, ",%u,%u,%u", (unsigned)t[0], (unsigned)rd16(t + 2), (unsigned)t[1]);
  }
  return (int)n;
}
