// The float's slicing written plainly from the README ("Slicing"), for the tests only: a list of events in,
// the slice records the float should send out, compared with what the firmware's encoders carried.

import type { ZoneTable } from "../../host/config/profile.js";
import type { BlocRecord, TaxoTriplet } from "../../host/firmware/records.js";
import type { BlackSlice, Cts5Phase, LpmSlice, Processing, SliceRecord, TaxoSlice } from "../../host/telemetry/types.js";

/** One input event: a phase change, or a bloc (with, for LPM, the TAXO triplets of its frames and their images). */
export type SliceEvent = { phase: Cts5Phase } | { bloc: BlocRecord; taxo?: { images: number; triplets: TaxoTriplet[] } };

const NAV = new Set<Cts5Phase>(["DESCENT", "DEEP_PROFILE", "ASCENT"]);
const PROC: Record<string, Processing> = { raw: "RW", decimated: "DW", mean: "AM" };

/** The codes the formats carry, decoded: what a record's pressure and temperature become after transmission. */
export const asSent = {
  pressure: (p: number) => (Math.floor((p + 100) * 10 + 0.5) - 1000) / 10,
  temperature: (t: number) => (Math.floor((t + 5) * 1000 + 0.5) - 5000) / 1000,
};

// records: TAXO bloc records received; a slice sends a TAXO record when there was at least one (README).
interface TaxoSums { images: number; records: number; objects: number[]; volume: number[]; grey: number[] }
const emptyTaxo = (): TaxoSums => ({ images: 0, records: 0, objects: Array(40).fill(0), volume: Array(40).fill(0), grey: Array(40).fill(0) });

/** The slice records (LPM, BLACK, TAXO, in emission order) the float sends for `events` under `zones`. */
export function referenceSlices(events: readonly SliceEvent[], zones: ZoneTable): SliceRecord[] {
  const out: SliceRecord[] = [];
  const f32 = Math.fround;
  let phase: Cts5Phase = "ASCENT";
  let open: { key: string; proc: Processing; blocs: BlocRecord[]; taxo: TaxoSums } | null = null;
  let pending = emptyTaxo();

  const taxoRecord = (t: TaxoSums, timeS: number, p: number, processing: Processing): void => {
    if (t.records === 0) return;
    const categories = [];
    for (let k = 0; k < 40; k++) {
      const n = t.objects[k];
      if (n > 0) categories.push({ index: k, objects: n, meanSize: f32(t.volume[k] / n), meanGrey: Math.min(255, Math.floor((t.grey[k] + Math.floor(n / 2)) / n)) });
    }
    out.push({ kind: "taxo", phase, processing, timeS, pressureDbar: asSent.pressure(p), images: t.images, categories } satisfies TaxoSlice);
  };
  const close = (): void => {
    if (!open) return;
    const o = open;
    open = null;
    if (o.proc !== "AM") return;
    let p = 0, t = 0;
    for (const b of o.blocs) { p += b.pressureDbar; t += b.temperatureC; }
    p /= o.blocs.length;
    t /= o.blocs.length;
    const counts: number[] = [], grey: number[] = [];
    for (let k = 0; k < 18; k++) {
      const n = o.blocs.reduce((a, b) => a + b.counts[k], 0);
      const w = o.blocs.reduce((a, b) => a + b.counts[k] * b.grey[k], 0);
      counts.push(f32(n));
      grey.push(n === 0 ? 0 : Math.min(255, Math.floor((w + Math.floor(n / 2)) / n)));
    }
    const timeS = Math.floor(o.blocs[0].timeS);
    out.push({ kind: "lpm", phase, processing: "AM", timeS, pressureDbar: asSent.pressure(p), images: o.blocs.reduce((a, b) => a + b.images, 0), temperatureC: asSent.temperature(t), counts, grey } satisfies LpmSlice);
    taxoRecord(o.taxo, timeS, p, "AM");
  };
  const raw = (b: BlocRecord, proc: Processing): void => {
    const timeS = Math.floor(b.timeS);
    out.push({ kind: "lpm", phase, processing: proc, timeS, pressureDbar: asSent.pressure(b.pressureDbar), images: b.images, temperatureC: asSent.temperature(b.temperatureC), counts: b.counts.map(f32), grey: [...b.grey] } satisfies LpmSlice);
    taxoRecord(pending, timeS, b.pressureDbar, proc);
    pending = emptyTaxo();
  };

  for (const e of events) {
    if ("phase" in e) {
      if (e.phase !== phase) close();
      phase = e.phase;
      continue;
    }
    const b = e.bloc;
    if (b.kind === "BLACK") {
      out.push({ kind: "black", phase, processing: "RW", timeS: Math.floor(b.timeS), pressureDbar: asSent.pressure(b.pressureDbar), images: b.images, temperatureC: asSent.temperature(b.temperatureC), counts: b.counts.slice(0, 5).map(f32) } satisfies BlackSlice);
      continue;
    }
    if (e.taxo) {
      pending.images += e.taxo.images;
      pending.records++;
      for (const t of e.taxo.triplets) {
        pending.objects[t.classIndex]++;
        pending.volume[t.classIndex] += t.volumePx3;
        pending.grey[t.classIndex] += t.meanGrey;
      }
    }
    if (!NAV.has(phase)) {
      close();
      raw(b, "RW");
      continue;
    }
    let zone = zones.boundariesDbar.findIndex((x) => b.pressureDbar < f32(x));
    if (zone < 0) zone = zones.boundariesDbar.length;
    const top = zone === 0 ? 0 : f32(zones.boundariesDbar[zone - 1]);
    const key = `${zone}/${Math.floor((b.pressureDbar - top) / f32(zones.sliceThicknessDbar[zone]))}`;
    const proc = PROC[zones.processing[zone]];
    const same = open !== null && open.key === key && open.proc === proc;
    if (proc === "RW") {
      close();
      raw(b, "RW");
    } else if (proc === "DW") {
      if (same) {
        pending = emptyTaxo();
        continue;
      }
      close();
      open = { key, proc, blocs: [], taxo: emptyTaxo() };
      raw(b, "DW");
    } else {
      if (!same) {
        close();
        open = { key, proc, blocs: [], taxo: emptyTaxo() };
      }
      open!.blocs.push(b);
      const t = open!.taxo;
      t.images += pending.images;
      t.records += pending.records;
      for (let k = 0; k < 40; k++) { t.objects[k] += pending.objects[k]; t.volume[k] += pending.volume[k]; t.grey[k] += pending.grey[k]; }
      pending = emptyTaxo();
    }
  }
  close();
  return out;
}
