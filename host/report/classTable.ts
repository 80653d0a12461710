// The size classes a report labels and fits: bounds from a HW_CONF line when one is known, and the slope fit
// of replay summaries (maximum likelihood on the classes' effective ESD edges), so a report's slopes are the
// numbers `uvp-float replay` prints, not a second method with its own bias.
import { buildConfigBlob } from "../config/configBlob.js";
import type { AcqConf } from "../config/acqConf.js";
import type { HwConf } from "../config/hwConf.js";
import { Firmware, Status } from "../firmware/index.js";
import { effectiveClassEdgesUm, fitSlopeMaxLikelihood } from "../science/sizeSpectrum.js";
import type { ReportClasses } from "./reportData.js";

/** Class lower bounds (um) of camera firmware 2022.01 and later (DOMAIN.md section 2). */
export const DEFAULT_BOUNDS_UM: readonly number[] = [50.8, 64, 80.6, 102, 128, 161, 203, 256, 323, 406, 512, 645, 813, 1020, 1290, 1630, 2050, 2580];
/** The slope is fitted over the classes from this size... */
export const SLOPE_FROM_UM = 102;
/** ...to the class ending at this size. */
export const SLOPE_TO_UM = 2050;
/** Fewer objects than this in the fitted classes give no slope (a fit on a handful of objects is noise). */
export const MIN_SLOPE_OBJECTS = 30;

function fitRange(boundsUm: readonly number[]): { first: number; last: number } {
  const first = boundsUm.findIndex((b) => b >= SLOPE_FROM_UM * 0.99);
  const last = boundsUm.findIndex((b) => b >= SLOPE_TO_UM * 0.99) - 1;
  return { first, last };
}

/** The classes of a HW_CONF (with the firmware's class areas for the fit edges), or the 2022.01 defaults. */
export function reportClasses(hw: HwConf | null, acq: AcqConf | null, from: string): ReportClasses {
  const boundsUm = hw ? [...hw.classLowerBoundsUm] : [...DEFAULT_BOUNDS_UM];
  const { first, last } = fitRange(boundsUm);
  let fitEdgesUm: number[] | null = null;
  if (hw && acq && first >= 0 && last > first) {
    // The firmware's own class areas (an object's class is decided on whole-pixel areas), as replay uses them.
    const fw = Firmware.create("auto");
    if (fw.configure(buildConfigBlob(hw, acq, undefined)) === Status.OK) fitEdgesUm = effectiveClassEdgesUm(fw.classMinAreasPx(), hw.aaUm2, hw.exp, first, last);
  }
  return { boundsUm, from: hw ? from : "the 2022.01 class bounds (no HW_CONF given: pass --profile for the camera's own)", fitEdgesUm, fitFirst: first, fitLast: last };
}

/** Short label of class k: its lower bound in um ("2580+" for the open last class). */
export function classLabel(classes: ReportClasses, k: number): string {
  const b = classes.boundsUm[k];
  const s = Number.isInteger(b) ? String(b) : b.toFixed(1);
  return k === classes.boundsUm.length - 1 ? `${s}+` : s;
}

/** Slope b of n(d) ~ d^-b over 102-2050 um from 18 class counts; null with too few objects or classes. */
export function fitSlope(classes: ReportClasses, counts: readonly number[]): number | null {
  const { fitFirst: first, fitLast: last } = classes;
  if (first < 0 || last <= first) return null;
  const part = counts.slice(first, last + 1);
  if (part.filter((c) => c > 0).length < 3 || part.reduce((a, b) => a + b, 0) < MIN_SLOPE_OBJECTS) return null;
  const edges = classes.fitEdgesUm ?? classes.boundsUm.slice(first, last + 2);
  return fitSlopeMaxLikelihood(part, edges);
}

/** How the slope is fitted, for captions. */
export function slopeMethod(classes: ReportClasses): string {
  const edges = classes.fitEdgesUm ? "the classes' effective ESD edges (whole-pixel areas, as uvp-float replay fits)" : "the nominal class bounds (no Aa/Exp known)";
  return `maximum-likelihood fit of n(d) ~ d^-b over ${SLOPE_FROM_UM}-${SLOPE_TO_UM} µm on ${edges}; bins with fewer than ${MIN_SLOPE_OBJECTS} objects or 3 classes left out`;
}
