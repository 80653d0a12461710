// Where two binary files (CTS5 files, SBD messages) first differ, and how much.

/** The first differing byte and the sizes. */
export interface ByteDifference {
  expectedBytes: number;
  actualBytes: number;
  /** Offset of the first differing byte (the shorter length when one file is a prefix of the other). */
  offset: number;
  /** The bytes at that offset, null past a file's end. */
  expectedByte: number | null;
  actualByte: number | null;
  /** Offsets within both files whose bytes differ (a length difference is not counted here). */
  differingBytes: number;
}

/** How `actual` differs from `expected`, or null when they are equal. */
export function byteDifference(expected: Uint8Array, actual: Uint8Array): ByteDifference | null {
  const n = Math.min(expected.length, actual.length);
  let first = -1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (first < 0 && expected.length === actual.length) return null;
  const offset = first < 0 ? n : first;
  return {
    expectedBytes: expected.length,
    actualBytes: actual.length,
    offset,
    expectedByte: offset < expected.length ? expected[offset] : null,
    actualByte: offset < actual.length ? actual[offset] : null,
    differingBytes: count,
  };
}

/** A byte as "0x1b", or "(end of file)". */
export function hexByte(b: number | null): string {
  return b === null ? "(end of file)" : `0x${b.toString(16).padStart(2, "0")}`;
}
