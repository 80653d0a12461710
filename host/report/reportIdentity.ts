// What a report shows, named: the float (WMO number, serial), the cycle(s), the camera (serial, firmware),
// gathered from what the inputs carry (SBD headers, CTS5 file names, the RS232 log's HW_CONF) and the profile.
import { basename } from "node:path";
import type { HwConf } from "../config/hwConf.js";
import type { Profile } from "../config/profile.js";

/** The report's subject, each part with where it came from; null where nothing says it. */
export interface ReportIdentity {
  /** e.g. "WMO 4903634 (SBD messages), serial d2d2 (CTS5 file names)". */
  float: string | null;
  /** e.g. "1" or "1, 2". */
  cycle: string | null;
  /** e.g. "000118LP, firmware ver2022.01 (HW_CONF of profile 000118LP)". */
  camera: string | null;
}

/** CTS5 file name xxxx_ccc_mm_<sensor>[-n|#nn].hex: the float's serial (4 hex digits) and the cycle. */
const CTS5_NAME = /^([0-9a-f]{4})_(\d{3})_(\d{2})_uvp6_/iu;

/** What the inputs say about the float and cycle, plus the profile's WMO number when they do not say it. */
export function floatIdentity(sources: { cts5Files: readonly string[]; sbdCycles: ReadonlyArray<{ floatId: number; cycle: number }> }, profile: Profile | null): Pick<ReportIdentity, "float" | "cycle"> {
  const wmos = new Set(sources.sbdCycles.map((c) => c.floatId).filter((w) => w > 0));
  const cycles = new Set(sources.sbdCycles.map((c) => c.cycle));
  const serials = new Set<string>();
  for (const f of sources.cts5Files) {
    const m = CTS5_NAME.exec(basename(f));
    if (!m) continue;
    serials.add(m[1].toLowerCase());
    cycles.add(Number(m[2]));
  }
  const parts: string[] = [];
  if (wmos.size > 0) parts.push(`WMO ${[...wmos].sort((a, b) => a - b).join(", ")} (SBD messages)`);
  else if (profile && profile.float.wmo > 0) parts.push(`WMO ${profile.float.wmo} (profile ${profile.name})`);
  if (serials.size > 0) parts.push(`serial ${[...serials].sort().join(", ")} (CTS5 file names)`);
  return {
    float: parts.length > 0 ? parts.join(", ") : null,
    cycle: cycles.size > 0 ? [...cycles].sort((a, b) => a - b).join(", ") : null,
  };
}

/** The camera's serial (Camera_ref) and firmware (Firmware_version, absent from pre-2022 HW_CONF lines). */
export function cameraIdentity(hw: HwConf | null, from: string): string | null {
  if (!hw) return null;
  const firmware = hw.firmwareVersion ? `firmware ${hw.firmwareVersion}` : "firmware not in its HW_CONF (pre-2022 layout, or a line without Firmware_version)";
  return `${hw.cameraRef}, ${firmware} (${from})`;
}
