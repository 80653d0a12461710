/* format-check: prints, for each 16-hex-digit IEEE-754 double on stdin (one per line), its toFixed(2) text
 * and camera date-time as rs232.c writes them, so a test compares them with JavaScript's own. */
#include <stdio.h>
#include <string.h>
#include "rs232.h"

int main(void) {
  char hex[64], fixed[64], when[64];
  unsigned long long bits;
  while (scanf("%63s", hex) == 1) {
    if (sscanf(hex, "%llx", &bits) != 1) return 65;
    double x;
    memcpy(&x, &bits, sizeof x);
    uvpf_to_fixed2(fixed, sizeof fixed, x);
    if (x >= 0 && x <= 1e11) uvpf_camera_date_time(when, sizeof when, x);
    else strcpy(when, "-");
    printf("%s %s\n", fixed, when);
  }
  return 0;
}
