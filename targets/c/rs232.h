/* The camera's RS232 lines (LPM_DATA, BLACK_DATA, TAXO_DATA) from the firmware's bloc records, written exactly
 * as host/formats/rs232Lines.ts writes them, JavaScript number formatting included. */
#ifndef UVPF_RS232_H
#define UVPF_RS232_H
#include <stddef.h>
#include <stdint.h>

/** Writes x as JavaScript's x.toFixed(2) does (exact binary value, a tie rounds up, "-" for any x < 0); returns the length. */
int uvpf_to_fixed2(char* out, size_t cap, double x);
/** Writes the camera's "YYYYMMDD,HHMMSS" (UTC) of floor(timeS); returns the length. */
int uvpf_camera_date_time(char* out, size_t cap, double timeS);
/** Writes the LPM_DATA or BLACK_DATA line of the 128-byte bloc record at rec (no newline); returns the length. */
int uvpf_record_line(char* out, size_t cap, const uint8_t* rec);
/** Writes the "TAXO_DATA,images" head of a TAXO line; the triplets follow with uvpf_taxo_triplets, then ";". */
int uvpf_taxo_head(char* out, size_t cap, unsigned images);
/** Writes ",class,volume,grey" for each triplet of the 128-byte TAXO record at rec; returns the length. */
int uvpf_taxo_triplets(char* out, size_t cap, const uint8_t* rec);
#endif
