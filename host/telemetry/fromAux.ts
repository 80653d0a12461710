// Slice records from an Argo AUX profile, in transmission (time) order, so an engineer can push what a real
// float sent through this project's encoders. The AUX file does not say how each level was processed: the
// zone table of a profile does (a level in a mean zone is AM, in a decimated zone DW, in a raw zone RW).

import type { ZoneTable } from "../config/profile.js";
import type { AuxProfile, LevelCodes } from "../formats/argo/auxTypes.js";
import { CTS5_PHASES, PROCESSINGS, type Cts5Phase, type Processing, type SliceRecord } from "./types.js";

const PROCESSING_OF = { raw: "RW", decimated: "DW", mean: "AM" } as const;

/** The processing type the zone table gives pressure `pressureDbar`; AM when the image count needs 16 bits. */
export function processingAt(zones: ZoneTable, pressureDbar: number, images: number): Processing {
  let zone = zones.boundariesDbar.findIndex((b) => pressureDbar < b);
  if (zone < 0) zone = zones.boundariesDbar.length;
  const p = PROCESSING_OF[zones.processing[zone]];
  return images > 255 ? "AM" : p;
}

/** The LPM, BLACK and TAXO levels of `aux` as slice records, sorted by time (stable: LPM, BLACK, TAXO at equal times). */
export function sliceRecordsFromAux(aux: AuxProfile, zones: ZoneTable): SliceRecord[] {
  const phase = aux.direction === "D" ? "DESCENT" : "ASCENT";
  const out: SliceRecord[] = [];
  for (const l of aux.lpm) {
    out.push({
      kind: "lpm", phase, processing: processingAt(zones, l.pressureDbar, l.images), timeS: l.timeS,
      pressureDbar: l.pressureDbar, images: l.images, temperatureC: l.temperatureC, counts: l.counts, grey: l.grey,
    });
  }
  for (const b of aux.black) {
    out.push({
      kind: "black", phase, processing: "RW", timeS: b.timeS, pressureDbar: b.pressureDbar, images: b.images,
      temperatureC: b.temperatureC, counts: b.counts,
    });
  }
  for (const t of aux.taxo) {
    out.push({
      kind: "taxo", phase, processing: processingAt(zones, t.pressureDbar, t.images), timeS: t.timeS,
      pressureDbar: t.pressureDbar, images: t.images,
      categories: t.index.map((index, j) => ({ index, objects: t.objects[j], meanSize: t.meanSize[j], meanGrey: t.meanGrey[j] })),
    });
  }
  return out.sort((a, b) => a.timeS - b.timeS);
}

/** The records of a file `decode --format netcdf` wrote, each with the phase and processing it carries
 *  (UVP_PHASE, UVP_PROCESSING); a level without them takes the profile's direction and RW. Sorted by time. */
export function sliceRecordsFromDecodedAux(aux: AuxProfile): SliceRecord[] {
  const fallback: Cts5Phase = aux.direction === "D" ? "DESCENT" : "ASCENT";
  const phaseOf = (l: LevelCodes): Cts5Phase => ((CTS5_PHASES as readonly string[]).includes(l.phase ?? "") ? (l.phase as Cts5Phase) : fallback);
  const processingOf = (l: LevelCodes): Processing => ((PROCESSINGS as readonly string[]).includes(l.processing ?? "") ? (l.processing as Processing) : "RW");
  const out: SliceRecord[] = [
    ...aux.lpm.map((l): SliceRecord => ({
      kind: "lpm", phase: phaseOf(l), processing: processingOf(l), timeS: l.timeS, pressureDbar: l.pressureDbar, images: l.images,
      temperatureC: l.temperatureC, counts: l.counts, grey: l.grey,
    })),
    ...aux.black.map((b): SliceRecord => ({
      kind: "black", phase: phaseOf(b), processing: processingOf(b), timeS: b.timeS, pressureDbar: b.pressureDbar, images: b.images,
      temperatureC: b.temperatureC, counts: b.counts,
    })),
    ...aux.taxo.map((t): SliceRecord => ({
      kind: "taxo", phase: phaseOf(t), processing: processingOf(t), timeS: t.timeS, pressureDbar: t.pressureDbar, images: t.images,
      categories: t.index.map((index, j) => ({ index, objects: t.objects[j], meanSize: t.meanSize[j], meanGrey: t.meanGrey[j] })),
    })),
  ];
  return out.sort((a, b) => a.timeS - b.timeS);
}
