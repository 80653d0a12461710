// The CBOR encoding of stream records: plain RFC 8949 maps (no cbor-x record/structure extensions, no
// tags: byte strings stay byte strings), each closed by a "crc32" entry whose value is the CRC-32 of every
// byte of the record before that entry, so that any damage to a record is detected. The reader requires it;
// it is not part of the in-memory record types (the writer adds it, the reader checks and drops it).

import { Decoder, Encoder, type Options } from "cbor-x";
import { crc32 } from "./crc32.js";

/** Name of the checksum field that ends every record the writer emits. */
export const CRC_FIELD = "crc32";

// The last 11 bytes of a sealed record: text(5) "crc32", then uint32 head 0x1a and 4 big-endian bytes.
const CRC_KEY_BYTES = [0x65, 0x63, 0x72, 0x63, 0x33, 0x32];
const CRC_TAIL_LENGTH = CRC_KEY_BYTES.length + 5;

/** The encoder the writer uses: plain maps of preferred size, untagged byte strings, float64 numbers. */
export function createStreamEncoder(): Encoder {
  // useTag259ForMaps is a cbor-x option its typings omit: without it, a JS Map in metadata would get tag 259.
  const options: Options & { useTag259ForMaps: boolean } = {
    useRecords: false, variableMapSize: true, tagUint8Array: false, useTag259ForMaps: false, useFloat32: 0, pack: false, sequential: false,
  };
  return new Encoder(options);
}

/** The decoder the reader uses: maps become plain objects, no record extensions expected. */
export function createStreamDecoder(): Decoder {
  return new Decoder({ useRecords: false, mapsAsObjects: true });
}

/** Encodes `record` (a plain object with no crc32 field) as one CBOR map that ends with its crc32 entry. */
export function encodeSealedRecord(encoder: Encoder, record: Record<string, unknown>): Uint8Array {
  const bytes: Uint8Array = encoder.encode({ ...record, [CRC_FIELD]: 0xffffffff });
  const tail = bytes.length - CRC_TAIL_LENGTH;
  if (bytes[0] >> 5 !== 5 || !CRC_KEY_BYTES.every((b, i) => bytes[tail + i] === b) || bytes[tail + CRC_KEY_BYTES.length] !== 0x1a) {
    throw new Error("internal: the encoded record does not end with its crc32 entry (field order or encoder options changed?)");
  }
  const crc = crc32(bytes.subarray(0, tail));
  new DataView(bytes.buffer, bytes.byteOffset, bytes.length).setUint32(bytes.length - 4, crc);
  return bytes;
}

/** Whether `item` ends with the bytes of a crc32 entry (key, then a 32-bit unsigned integer head). */
function hasCrcTail(item: Uint8Array): boolean {
  const tail = item.length - CRC_TAIL_LENGTH;
  return tail >= 1 && CRC_KEY_BYTES.every((b, i) => item[tail + i] === b) && item[tail + CRC_KEY_BYTES.length] === 0x1a;
}

/** Whether a complete item ends with a crc32 entry that matches its bytes, checked without decoding it. */
export function sealedCrcMatches(item: Uint8Array): boolean {
  if (!hasCrcTail(item)) return false;
  const stored = new DataView(item.buffer, item.byteOffset, item.length).getUint32(item.length - 4);
  return crc32(item.subarray(0, item.length - CRC_TAIL_LENGTH)) === stored;
}

/** Checks a decoded record's crc32 against its bytes: null when it matches, else why not (missing included). */
export function checkRecordCrc(item: Uint8Array, decoded: Record<string, unknown>): string | null {
  if (!(CRC_FIELD in decoded)) return `no ${CRC_FIELD} field (every record ends with one)`;
  const tail = item.length - CRC_TAIL_LENGTH;
  const stored = decoded[CRC_FIELD];
  if (!hasCrcTail(item) || typeof stored !== "number") {
    return "its crc32 field is not the record's last entry as a 32-bit unsigned integer";
  }
  const actual = crc32(item.subarray(0, tail));
  return actual === stored ? null : `CRC-32 mismatch (stored 0x${stored.toString(16).padStart(8, "0")}, computed 0x${actual.toString(16).padStart(8, "0")})`;
}
