// Camera time stamps: `YYYYMMDD-HHMMSS[-mmm]` (file names, *_data.txt lines), always UTC, to and from
// seconds since 1970-01-01T00:00:00Z.

const CAMERA_TIME = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d{3}))?$/;
const CAMERA_TIME_IN_NAME = /(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d{3}))?/;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

function utcSeconds(y: string, mo: string, d: string, h: string, mi: string, s: string, fraction: string): number | null {
  const [yy, mm, dd, hh, mn, ss] = [+y, +mo, +d, +h, +mi, +s];
  if (mm < 1 || mm > 12 || dd < 1 || hh > 23 || mn > 59 || ss > 59) return null;
  const ms = Date.UTC(yy, mm - 1, dd, hh, mn, ss);
  if (new Date(ms).getUTCDate() !== dd) return null; // 31 April and the like
  const fractionMs = Number(fraction.slice(0, 3).padEnd(3, "0")) + (fraction.length > 3 ? Number(`0.${fraction.slice(3)}`) : 0);
  return (ms + fractionMs) / 1000;
}

/** Seconds (UTC) of a whole `YYYYMMDD-HHMMSS[-mmm]` string, or null when it is not one or not a real date. */
export function parseCameraTimeS(text: string): number | null {
  const m = CAMERA_TIME.exec(text);
  return m ? utcSeconds(m[1], m[2], m[3], m[4], m[5], m[6], m[7] ?? "") : null;
}

/** Seconds (UTC) of the first `YYYYMMDD-HHMMSS[-mmm]` found in a file name, or null. */
export function cameraTimeSFromName(name: string): number | null {
  const m = CAMERA_TIME_IN_NAME.exec(name);
  return m ? utcSeconds(m[1], m[2], m[3], m[4], m[5], m[6], m[7] ?? "") : null;
}

/** Seconds (UTC) of an ISO 8601 date-time (`2022-05-18T21:40:11.120Z`; no offset means UTC), or null. */
export function parseIsoTimeS(text: string): number | null {
  const m = ISO_TIME.exec(text);
  if (!m) return null;
  const base = utcSeconds(m[1], m[2], m[3], m[4], m[5], m[6], m[7] ?? "");
  if (base === null) return null;
  const zone = m[8];
  if (!zone || zone === "Z") return base;
  const sign = zone[0] === "-" ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const offsetMin = +digits.slice(0, 2) * 60 + +digits.slice(2, 4);
  return base - sign * offsetMin * 60;
}

/** `YYYYMMDD-HHMMSS-mmm` (UTC) of `timeS`, milliseconds rounded to nearest. */
export function formatCameraTime(timeS: number): string {
  const totalMs = Math.round(timeS * 1000);
  const d = new Date(totalMs);
  if (Number.isNaN(d.getTime())) throw new RangeError(`time ${timeS} s is not a valid date`);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-` +
    `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${p(d.getUTCMilliseconds(), 3)}`;
}
