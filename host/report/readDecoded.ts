// Decoded telemetry as report data: documents written by `uvp-float decode` (JSON or CBOR) and CTS5 .hex files
// or SBD messages decoded here with the decode verb's own reader, merged into one set of slice records.
import { existsSync, readFileSync } from "node:fs";
import { CliError, ExitCode } from "../cli/cliError.js";
import { decodeTelemetryFiles, problemLine, readTelemetryFiles } from "../cli/telemetryInputs.js";
import { isProfilePath, listProfiles, loadProfile, loadProfileFile, type Profile } from "../config/profile.js";
import { parseDecodedDocument, sliceRecordsOf } from "../telemetry/outputFormats.js";
import { recordKey } from "../telemetry/recordKey.js";
import type { SliceRecord } from "../telemetry/types.js";
import { reportClasses } from "./classTable.js";
import { cameraIdentity, floatIdentity } from "./reportIdentity.js";
import { taxaOf } from "./taxaLabels.js";
import type { TaxaNames } from "./taxaNames.js";
import type { ReportData } from "./reportData.js";

/** What the command line adds to decoded data. */
export interface DecodedOptions {
  /** --image-volume or --profile's HW_CONF Image_volume. */
  volume: { litres: number; from: string } | null;
  /** --profile: class bounds, Aa/Exp and TAXO_CONF ids. */
  profile: Profile | null;
  /** --taxa names (EcoTaxa id -> name), over the shipped models' names. */
  taxa?: TaxaNames | null;
  /** Keep only records of this CTS5 phase (e.g. ASCENT); null keeps all. */
  phase: string | null;
}

/** Reads decoded documents and telemetry files/directories into report data. */
export function readDecoded(documents: readonly string[], telemetry: readonly string[], o: DecodedOptions): ReportData {
  const records: SliceRecord[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  const inputs: string[] = [];
  let docVolume: { litres: number; from: string } | null = null;
  let docProfile: string | null = null;
  const cts5Files: string[] = [];
  const sbdCycles: Array<{ floatId: number; cycle: number }> = [];
  for (const path of documents) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new CliError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the path`, ExitCode.INPUT);
    }
    try {
      const doc = parseDecodedDocument(bytes, path);
      const recs = sliceRecordsOf(doc, path);
      records.push(...recs);
      for (const p of doc.problems) problems.push(problemLine(p));
      const v = doc.summary.imageVolumeL;
      if (typeof doc.summary.profile === "string") docProfile ??= doc.summary.profile;
      const sbd = (doc.summary as { sbd?: { cycles?: Array<{ floatId: number; cycle: number }> } }).sbd;
      for (const c of sbd?.cycles ?? []) sbdCycles.push({ floatId: c.floatId, cycle: c.cycle });
      if (typeof v === "number" && v > 0) docVolume ??= { litres: v, from: `the decoded document ${path} (${String(doc.summary.imageVolumeFrom ?? "decode")})` };
      inputs.push(`${path} (decoded document: ${recs.length} records)`);
    } catch (err) {
      throw new CliError(`${(err as Error).message}\nGive the JSON or CBOR document that 'uvp-float decode' wrote, CTS5 .hex files or SBD messages.`, ExitCode.INPUT);
    }
  }
  if (telemetry.length > 0) {
    const read = readTelemetryFiles(telemetry);
    const decoded = decodeTelemetryFiles(read.files);
    cts5Files.push(...read.files.filter((f) => f.type === "cts5").map((f) => f.source));
    for (const c of decoded.sbdSummary?.cycles ?? []) sbdCycles.push({ floatId: c.floatId, cycle: c.cycle });
    records.push(...decoded.records);
    for (const p of [...read.problems, ...decoded.problems]) problems.push(problemLine(p));
    if (decoded.sbdIncomplete) problems.push(`SBD messages are missing: ${decoded.sbdLines.join("; ")}`);
    inputs.push(`${telemetry.join(", ")} (${decoded.cts5Files} CTS5 files, ${decoded.sbdMessages} SBD messages decoded: ${decoded.records.length} records)`);
    if (read.skipped.length > 0) notes.push(`skipped (neither CTS5 nor SBD): ${read.skipped.join(", ")}`);
  }
  if (records.length === 0 && problems.length === 0) {
    throw new CliError(`${[...documents, ...telemetry].join(", ")}: no decoded record, CTS5 .hex file or SBD message found${notes.length ? ` (${notes.join("; ")})` : ""}; give what 'uvp-float decode' wrote, or the float's files`, ExitCode.INPUT);
  }
  // The same slice given twice (a document and its own files, or one document twice) is drawn once.
  const seen = new Set<string>();
  const unique = records.filter((r) => {
    const key = recordKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length < records.length) notes.push(`${records.length - unique.length} records given more than once were drawn once`);
  const kept = o.phase === null ? unique : unique.filter((r) => r.phase === o.phase);
  if (o.phase !== null) notes.push(`only ${o.phase} records drawn (--phase): ${kept.length} of ${unique.length}`);
  const phaseSet = [...new Set(kept.map((r) => r.phase))];
  if (phaseSet.length > 1) notes.push(`records of phases ${phaseSet.join(", ")} are pooled per depth bin (--phase ASCENT keeps one)`);

  const imageVolume = o.volume ?? docVolume ?? { litres: null, from: null };
  if (imageVolume.litres === null) notes.push("no Image_volume known (give --profile or --image-volume): values are per image, not per litre");
  const profile = o.profile ?? profileNamedBy(docProfile, notes);
  return {
    kind: "decoded", inputs,
    lpm: kept.flatMap((r) => (r.kind === "lpm" ? [{ pressureDbar: r.pressureDbar, timeS: r.timeS, images: r.images, counts: r.counts, grey: r.grey, phase: r.phase }] : [])),
    black: kept.flatMap((r) => (r.kind === "black" ? [{ pressureDbar: r.pressureDbar, timeS: r.timeS, images: r.images, counts: r.counts, phase: r.phase }] : [])),
    taxo: kept.flatMap((r) => (r.kind === "taxo" ? [{ pressureDbar: r.pressureDbar, timeS: r.timeS, images: r.images, categories: r.categories.map((c) => ({ index: c.index, objects: c.objects })), phase: r.phase }] : [])),
    imageVolume,
    classes: reportClasses(profile?.hw ?? null, profile?.acq ?? null, `HW_CONF of profile ${profile?.name ?? ""}`),
    ...taxaOf(profile?.taxo, o.taxa ?? null),
    identity: {
      ...floatIdentity({ cts5Files, sbdCycles }, profile),
      camera: cameraIdentity(profile?.hw ?? null, `HW_CONF of profile ${profile?.name ?? ""}`),
    },
    problems, notes, replay: null,
  };
}

/** The profile a decoded document names (decode --profile), when this installation has it. */
function profileNamedBy(name: string | null, notes: string[]): Profile | null {
  if (name === null) return null;
  if (isProfilePath(name)) {
    if (existsSync(name)) return loadProfileFile(name);
    notes.push(`the decoded document names the profile file ${name}, which is not there: give --profile`);
    return null;
  }
  if (!listProfiles().includes(name)) {
    notes.push(`the decoded document names profile ${name}, which is not installed here: give --profile`);
    return null;
  }
  return loadProfile(name);
}
