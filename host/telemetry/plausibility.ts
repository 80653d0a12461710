// Plausibility of decoded slice records, shared by the CTS5 and the SBD decoders: bytes that decode cleanly can
// still carry values no float sends (random record bytes give counts of -6.5e36; a flipped bit makes a raw
// count of 173 into 173.001953125). Each impossible value becomes a problem naming the record's file and byte
// offset; the record itself is kept, as decoded, so that nothing the bytes say is hidden.
//
// The bounds, and why:
// - counts: finite, >= 0, and at most what the slice's images can hold. The densest a 2464 x 2056 frame can be
//   is one lone pixel in every 2 x 2 cell (8-connectivity joins closer ones): 1,266,496 objects per image, all
//   classes together. A slice of 0 images (an over-exposed bloc) holds none;
// - raw (RW, DW) slices and BLACK records: counts are sums of whole objects, so integers; only AM averages
//   may have fractions;
// - TAXO: objects whole and at most 25 per image (the camera classifies at most 25 candidates per frame), checked
//   on raw slices of one or more images only: a bloc found over-exposed after some of its frames were
//   classified prints IMG 0 with those frames' objects (TAXO_DATA,0,...; the demo mission has five), so a
//   0-image raw slice, or an AM slice that merged such a bloc, may carry objects beyond 25 per image; a
//   category with objects has a finite, non-negative mean size (one with none may carry NaN: the camera's 0/0);
// - images: a raw slice is one bloc, at most 255 images (the RS232 IMG field); an AM slice at most what the
//   fastest camera (UVP6-HF, 25 images/s) takes before the next slice of its phase starts, plus one bloc;
// - pressure: -10 to 6000 dbar (a float at the surface reads a few dbar below 0; the UVP6 is rated to 6000 m),
//   inside the -100 to 6453.5 the code can hold;
// - temperature (internal): -3 to 60 degree C (below seawater's freezing point is no reading; the camera stops
//   at its Maximal_internal_temperature, 60 in the real configuration), inside the code's -5 to 60.535;
// - time: from 2015-01-01 (before any CTS5 float carried a UVP6) to a day after now, and within 60 days of the
//   median time of its file (CTS5) or cycle (SBD): an Argo cycle lasts about 10 days.
import type { DecodeProblem, SliceRecord } from "./types.js";

/** Most objects one 2464 x 2056 image can hold: one lone pixel per 2 x 2 cell. */
export const MAX_OBJECTS_PER_IMAGE = 1232 * 1028;
/** Most classified objects per image (the firmware's MAX_CANDIDATES). */
export const MAX_TAXO_OBJECTS_PER_IMAGE = 25;
/** Most images of a raw slice: one bloc (RS232 IMG is 0-255). */
export const MAX_RAW_SLICE_IMAGES = 255;
/** Fastest image rate of any UVP6 (HF), images per second. */
export const MAX_FRAME_RATE_HZ = 25;
/** Pressures a float can report, dbar. */
export const PLAUSIBLE_PRESSURE_DBAR = [-10, 6000] as const;
/** Internal temperatures the camera can report, degree C. */
export const PLAUSIBLE_TEMPERATURE_C = [-3, 60] as const;
/** Earliest plausible record time: 2015-01-01T00:00:00Z, Unix seconds. */
export const EARLIEST_TIME_S = Date.UTC(2015, 0, 1) / 1000;
/** Widest distance of a record's time from the median time of its file or cycle, s (60 days). */
export const CYCLE_WINDOW_S = 60 * 86400;

/** A decoded record and where its bytes start. */
export interface PlacedRecord {
  record: SliceRecord;
  source: string;
  offset: number;
}

const KIND = { lpm: "LPM", black: "BLACK", taxo: "TAXO" } as const;

/** What is impossible in one record on its own (no neighbours needed). */
function recordFaults(r: SliceRecord, nowS: number): string[] {
  const faults: string[] = [];
  const raw = r.processing !== "AM" || r.kind === "black";
  if (!Number.isInteger(r.images) || r.images < 0) faults.push(`images ${r.images} is not a count`);
  else if (raw && r.images > MAX_RAW_SLICE_IMAGES) faults.push(`${r.images} images in a raw (${r.processing}) slice, which is one bloc of at most ${MAX_RAW_SLICE_IMAGES}`);
  const [pLo, pHi] = PLAUSIBLE_PRESSURE_DBAR;
  if (!(r.pressureDbar >= pLo && r.pressureDbar <= pHi)) faults.push(`pressure ${r.pressureDbar} dbar outside ${pLo} to ${pHi}`);
  if (!(r.timeS >= EARLIEST_TIME_S && r.timeS <= nowS + 86400)) faults.push(`time ${r.timeS} (${isoOrRaw(r.timeS)}) outside 2015-01-01 to tomorrow`);
  if (r.kind === "taxo") {
    let objects = 0;
    r.categories.forEach((c, k) => {
      if (!Number.isInteger(c.objects) || c.objects < 0) faults.push(`category ${k + 1}: ${c.objects} objects is not a count`);
      else objects += c.objects;
      if (c.objects > 0 && !(Number.isFinite(c.meanSize) && c.meanSize >= 0)) faults.push(`category ${k + 1}: mean size ${c.meanSize} for ${c.objects} objects`);
    });
    const cap = r.images * MAX_TAXO_OBJECTS_PER_IMAGE;
    if (raw && r.images > 0 && objects > cap) faults.push(`${objects} classified objects, more than ${r.images} images can hold (${MAX_TAXO_OBJECTS_PER_IMAGE} per image)`);
    return faults;
  }
  const [tLo, tHi] = PLAUSIBLE_TEMPERATURE_C;
  if (!(r.temperatureC >= tLo && r.temperatureC <= tHi)) faults.push(`temperature ${r.temperatureC} degree C outside ${tLo} to ${tHi}`);
  let total = 0;
  r.counts.forEach((n, k) => {
    if (!Number.isFinite(n)) faults.push(`count ${k + 1} is ${n}`);
    else if (n < 0) faults.push(`count ${k + 1} is negative (${n})`);
    else {
      total += n;
      if (raw && !Number.isInteger(n)) faults.push(`count ${k + 1} is ${n}, not a whole number in a raw (${r.processing}) ${KIND[r.kind]} record`);
    }
  });
  const cap = r.images * MAX_OBJECTS_PER_IMAGE;
  // Approximate counts (noise-bounded SBD) may each lie their bound above what the float counted.
  if (r.approximate !== undefined) total -= r.approximate.countBounds.reduce((a, b) => a + b, 0);
  if (total > cap) faults.push(`${total} objects, more than ${r.images} images can hold (at most ${MAX_OBJECTS_PER_IMAGE} per image)`);
  return faults;
}

function isoOrRaw(timeS: number): string {
  const d = new Date(timeS * 1000);
  return Number.isNaN(d.getTime()) ? "no date" : d.toISOString().replace(".000Z", "Z");
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * The problems of a group of records that travelled together (one CTS5 file, or one SBD cycle): each record on
 * its own, then against the group (time window, images per time to the next slice). `nowS` for tests.
 */
export function implausibleRecords(group: readonly PlacedRecord[], nowS = Date.now() / 1000): DecodeProblem[] {
  const problems: DecodeProblem[] = [];
  const say = (p: PlacedRecord, what: string) =>
    problems.push({ source: p.source, offset: p.offset, message: `implausible ${KIND[p.record.kind]} record: ${what}` });
  for (const p of group) for (const f of recordFaults(p.record, nowS)) say(p, f);
  const times = group.map((p) => p.record.timeS).filter((t) => t >= EARLIEST_TIME_S && t <= nowS + 86400);
  if (times.length > 0) {
    const mid = median(times);
    for (const p of group) {
      const t = p.record.timeS;
      if (t >= EARLIEST_TIME_S && t <= nowS + 86400 && Math.abs(t - mid) > CYCLE_WINDOW_S) {
        say(p, `time ${isoOrRaw(t)} is ${(Math.abs(t - mid) / 86400).toFixed(0)} days from the other records' (${isoOrRaw(mid)}): outside one cycle`);
      }
    }
  }
  // An AM slice lasts until the next slice of its kind and phase starts: no camera takes more images than that.
  for (let i = 0; i < group.length; i++) {
    const r = group[i].record;
    if (r.processing !== "AM") continue;
    const next = group.slice(i + 1).find((q) => q.record.kind === r.kind && q.record.phase === r.phase);
    if (!next) continue;
    const spanS = next.record.timeS - r.timeS;
    const cap = Math.max(0, spanS) * MAX_FRAME_RATE_HZ + MAX_RAW_SLICE_IMAGES;
    if (r.images > cap) say(group[i], `${r.images} images in ${spanS} s before the next ${r.phase} slice: more than ${MAX_FRAME_RATE_HZ} images/s`);
  }
  return problems;
}
