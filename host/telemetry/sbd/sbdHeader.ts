// Framing of a compact SBD message: the header (13 bytes in format version 1, 14 in version 2, whose last byte names
// the prior table), the body and the closing CRC.
import type { SliceKind } from "../types.js";
import { crc16CcittFalse } from "./crc16.js";
import { NOISE_CODE_MAX } from "./noiseQuantiser.js";

/** First byte of every compact SBD message ('U'). */
export const SBD_MAGIC = 0x55;
/** The newest format version this decoder knows (it also reads version 1). */
export const SBD_FORMAT_VERSION = 2;
/** Format versions this decoder reads. */
export const SBD_KNOWN_VERSIONS: readonly number[] = [1, 2];
/** Bytes of a version-1 header before the body. */
export const SBD_HEADER_BYTES = 13;
/** Bytes of a version-2 header: version 1's and the prior table id. */
export const SBD_HEADER_BYTES_V2 = 14;
/** Bytes of the CRC after the body. */
export const SBD_CRC_BYTES = 2;
/** Smallest possible message: header and CRC around an empty body. */
export const SBD_MIN_MESSAGE_BYTES = SBD_HEADER_BYTES + SBD_CRC_BYTES;
/** Smallest message size limit a float may be configured with. */
export const SBD_MIN_LIMIT_BYTES = 100;
/** Largest message size limit (the Iridium mobile-originated maximum). */
export const SBD_MAX_LIMIT_BYTES = 340;
/** Most records one message holds (its count is a u8). */
export const SBD_MAX_RECORDS = 255;
/** Flags bit 0: this is the cycle's last message (version 2: bits 1-7 are the noise code). */
export const SBD_FLAG_LAST = 0x01;
/** Kind codes of the header's low nibble. */
export const SBD_KIND_CODES: Readonly<Record<SliceKind, number>> = { lpm: 1, black: 2, taxo: 3 };

const KINDS_BY_CODE: readonly (SliceKind | undefined)[] = [undefined, "lpm", "black", "taxo"];

/** The header fields of a message. */
export interface SbdHeader {
  /** Format version, 1 or 2. */
  version: number;
  kind: SliceKind;
  /** Float id (WMO number), u24. */
  floatId: number;
  cycle: number;
  /** Message sequence number in the cycle, one counter for all kinds. */
  seq: number;
  /** Flag bit 0: the cycle's last message, so the cycle has seq + 1 messages. */
  last: boolean;
  /** Index of the message's first record among the cycle's records of its kind. */
  firstIndex: number;
  /** Records in the body, 1-255 (0 only in a last message that closes a cycle whose last record was refused). */
  count: number;
  /** Version 2: id of the prior table the body was coded with (0: none). Version 1: 0. */
  tableId: number;
  /** Version 2, flags bits 1-7: 0 lossless; 1-100 noise-bounded counts, each within (code / 100) of its Poisson sd. */
  noiseCode: number;
}

/** A parsed frame, or where and why the bytes are not a usable message. */
export type SbdFrame =
  | { ok: true; header: SbdHeader; body: Uint8Array }
  | { ok: false; offset: number; message: string };

/** Checks magic, version, length, CRC, kind, flags and count, and splits a message into header and body. */
export function parseSbdFrame(bytes: Uint8Array): SbdFrame {
  const len = bytes.length;
  if (len === 0) return fail(0, "message is empty");
  if (bytes[0] !== SBD_MAGIC) {
    return fail(0, `bad magic byte 0x${hex(bytes[0], 2)} (expected 0x55): not a compact SBD message`);
  }
  // The version comes before the length check: a later version may lay its messages out differently.
  const version = len >= 2 ? bytes[1] >> 4 : 1;
  if (!SBD_KNOWN_VERSIONS.includes(version)) {
    return fail(1, `format version ${version} is not supported by this decoder (knows ${SBD_KNOWN_VERSIONS.join(" and ")})`);
  }
  const headerBytes = version === 2 ? SBD_HEADER_BYTES_V2 : SBD_HEADER_BYTES;
  if (len < headerBytes + SBD_CRC_BYTES) {
    return fail(len, `message is ${len} bytes, shorter than the ${headerBytes + SBD_CRC_BYTES}-byte minimum (truncated?)`);
  }
  const stored = bytes[len - 2] | (bytes[len - 1] << 8);
  const computed = crc16CcittFalse(bytes, 0, len - SBD_CRC_BYTES);
  if (stored !== computed) {
    return fail(
      len - SBD_CRC_BYTES,
      `CRC mismatch: stored 0x${hex(stored, 4)}, computed 0x${hex(computed, 4)} (message damaged or truncated)`,
    );
  }
  const kind = KINDS_BY_CODE[bytes[1] & 0x0f];
  if (kind === undefined) return fail(1, `unknown record kind ${bytes[1] & 0x0f} (knows 1 LPM, 2 BLACK, 3 TAXO)`);
  const flags = bytes[9];
  // Version 2 carries the noise code in flags bits 1-7; version 1 has none.
  const noiseCode = version === 2 ? flags >> 1 : 0;
  if (version === 1 && (flags & ~SBD_FLAG_LAST) !== 0) return fail(9, `reserved flag bits set (flags 0x${hex(flags, 2)})`);
  if (noiseCode > NOISE_CODE_MAX) return fail(9, `noise code ${noiseCode} in the flags is above ${NOISE_CODE_MAX} (a fraction above 1.00 of the Poisson sd; flags 0x${hex(flags, 2)})`);
  const count = bytes[12];
  if (count === 0 && (flags & SBD_FLAG_LAST) === 0) return fail(12, "record count is 0 (only a cycle's last message may hold no record)");
  const header: SbdHeader = {
    version,
    kind,
    floatId: bytes[2] | (bytes[3] << 8) | (bytes[4] << 16),
    cycle: bytes[5] | (bytes[6] << 8),
    seq: bytes[7] | (bytes[8] << 8),
    last: (flags & SBD_FLAG_LAST) !== 0,
    firstIndex: bytes[10] | (bytes[11] << 8),
    count,
    tableId: version === 2 ? bytes[13] : 0,
    noiseCode,
  };
  return { ok: true, header, body: bytes.subarray(headerBytes, len - SBD_CRC_BYTES) };
}

function fail(offset: number, message: string): SbdFrame {
  return { ok: false, offset, message };
}

function hex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, "0");
}
