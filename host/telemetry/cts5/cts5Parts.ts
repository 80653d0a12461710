// A set of CTS5 files as received: whole files, and files split for transmission into parts `#01`, `#02`, ...
// that join byte for byte into one file (only #01 starts with the type byte; the Coriolis decoder's
// manage_split_files.m / concat_files.m do the same join). Each whole file or joined set is decoded as one
// file; what cannot be joined is said, not guessed:
// - a missing part: the parts before it are decoded; those after it start inside a record, so they are read
//   as the rest of a damaged file (from their first phase tag on) and every byte skipped is reported;
// - #01 alone: decoded, and reported, since the float splits only files of two parts or more (the Coriolis
//   decoder refuses a lone #01: "is alone - not decoded");
// - a part given twice: the same bytes are kept once (a note); different bytes are a problem, the first kept;
// - a file given both whole and in parts: the same bytes are decoded once; different bytes are both decoded.
// Problems carry the part they fall in and the offset inside it, with the offset in the joined file.

import type { DecodeProblem, SliceKind, SliceRecord } from "../types.js";
import { cts5TypeByte } from "./cts5Layout.js";
import { cts5FileName, parseCts5FileName } from "./cts5Names.js";
import { decodeCts5File } from "./decodeCts5.js";

/** One received CTS5 file: its path (used as the source in problems) and bytes. */
export interface Cts5Input {
  source: string;
  bytes: Uint8Array;
}

/** What a set of CTS5 files gave. */
export interface Cts5SetResult {
  records: SliceRecord[];
  problems: DecodeProblem[];
  /** How parts were joined and what was given twice, one line each (not problems). */
  notes: string[];
}

interface Part {
  input: Cts5Input;
  number: number;
}

interface Group {
  dir: string;
  name: string;
  kind: SliceKind;
  parts: Part[];
}

const dirOf = (path: string): string => path.slice(0, Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const tag = (n: number): string => `#${String(n).padStart(2, "0")}`;

function concat(list: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(list.reduce((a, b) => a + b.length, 0));
  let at = 0;
  for (const b of list) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** Decodes whole CTS5 files and joined sets of parts, in the order first met; never throws. */
export function decodeCts5Set(inputs: readonly Cts5Input[]): Cts5SetResult {
  const out: Cts5SetResult = { records: [], problems: [], notes: [] };
  const groups = new Map<string, Group>();
  const wholes = new Map<string, Cts5Input>();
  const order: (Cts5Input | Group)[] = [];
  for (const input of inputs) {
    const parsed = parseCts5FileName(input.source);
    if (parsed === null || parsed.part === null) {
      if (parsed !== null) wholes.set(cts5FileName(parsed.floatId, parsed.cycle, parsed.pattern, parsed.kind), input);
      order.push(input);
      continue;
    }
    const name = cts5FileName(parsed.floatId, parsed.cycle, parsed.pattern, parsed.kind);
    let g = groups.get(name);
    if (g === undefined) {
      g = { dir: dirOf(input.source), name, kind: parsed.kind, parts: [] };
      groups.set(name, g);
      order.push(g);
    }
    g.parts.push({ input, number: parsed.part });
  }
  for (const item of order) {
    if ("bytes" in item) {
      const r = decodeCts5File(item.bytes, item.source);
      out.records.push(...r.records);
      out.problems.push(...r.problems);
    } else {
      decodeGroup(item, wholes.get(item.name), out);
    }
  }
  return out;
}

function decodeGroup(g: Group, whole: Cts5Input | undefined, out: Cts5SetResult): void {
  // One part per number: the first given; a repeat with the same bytes is a note, with other bytes a problem.
  const byNumber = new Map<number, Part>();
  for (const p of g.parts) {
    const first = byNumber.get(p.number);
    if (first === undefined) byNumber.set(p.number, p);
    else if (sameBytes(first.input.bytes, p.input.bytes)) out.notes.push(`${p.input.source}: the same bytes as ${first.input.source}, decoded once`);
    else out.problems.push({ source: p.input.source, offset: 0, message: `part ${tag(p.number)} of ${g.name} given twice with different bytes (also ${first.input.source}): this one not decoded` });
  }
  const numbers = [...byNumber.keys()].sort((a, b) => a - b);
  const parts = numbers.map((n) => byNumber.get(n) as Part);
  const last = numbers[numbers.length - 1];
  const missing = Array.from({ length: last }, (_, i) => i + 1).filter((n) => !byNumber.has(n));
  if (whole !== undefined) {
    if (missing.length === 0 && sameBytes(whole.bytes, concat(parts.map((p) => p.input.bytes)))) {
      out.notes.push(`${g.name}: given whole (${whole.source}) and in parts ${tag(1)}-${tag(last)} with the same bytes: decoded once`);
      return;
    }
    out.problems.push({ source: parts[0].input.source, offset: 0, message: `${g.name} is also given whole (${whole.source}) with other bytes: both decoded` });
  }
  for (const n of missing) {
    const next = numbers.find((m) => m > n);
    out.problems.push({
      source: `${g.dir}${g.name.replace(/\.hex$/u, `${tag(n)}.hex`)}`, offset: 0,
      message: `part ${tag(n)} of ${g.name} missing: its records are lost${next !== undefined ? `, and part ${tag(next)} is read from its first phase tag on` : ""}`,
    });
  }
  if (numbers.length === 1 && last === 1) {
    const p = parts[0];
    out.problems.push({ source: p.input.source, offset: p.input.bytes.length, message: `part ${tag(1)} of ${g.name} came alone: the float splits only files of two parts or more, so part ${tag(2)} (at least) is missing` });
  }
  // Runs of consecutive parts: the first (from #01) is the file's start; a later one resumes inside the file.
  let run: Part[] = [];
  const flush = (): void => {
    if (run.length > 0) decodeRun(g, run, out);
    run = [];
  };
  for (const p of parts) {
    if (run.length > 0 && p.number !== run[run.length - 1].number + 1) flush();
    run.push(p);
  }
  flush();
  if (missing.length === 0 && numbers.length > 1) out.notes.push(`${g.dir}${g.name}: joined from parts ${tag(1)}-${tag(last)}`);
}

// Decodes consecutive parts as one file; a run that does not start at #01 gets the kind's type byte in front,
// so the decoder reads it like a file whose start was damaged: skipping to the first phase tag, and saying so.
function decodeRun(g: Group, run: readonly Part[], out: Cts5SetResult): void {
  const resumed = run[0].number !== 1;
  const joined = concat([...(resumed ? [Uint8Array.of(cts5TypeByte(g.kind))] : []), ...run.map((p) => p.input.bytes)]);
  const shift = resumed ? 1 : 0;
  const label = run.length === 1 ? run[0].input.source : `${g.dir}${g.name} (${tag(run[0].number)}-${tag(run[run.length - 1].number)} joined)`;
  const r = decodeCts5File(joined, label);
  out.records.push(...r.records);
  const starts: number[] = [];
  let at = 0;
  for (const p of run) {
    starts.push(at);
    at += p.input.bytes.length;
  }
  for (const problem of r.problems) {
    const o = Math.max(0, problem.offset - shift);
    let i = run.length - 1;
    while (i > 0 && starts[i] > o) i--;
    // An offset at the very end belongs to the last part (a truncated record is reported where it starts).
    const where = run.length === 1 && !resumed ? "" : ` (byte ${o} of parts ${tag(run[0].number)}-${tag(run[run.length - 1].number)} joined)`;
    out.problems.push({ source: run[i].input.source, offset: o - starts[i], message: problem.message + where });
  }
}
