// The camera's own per-image file (`*_data.txt`, DOMAIN.md section 4): header lines HW_CONF, ACQ_CONF and
// optionally TAXO_CONF, then one line per image, `YYYYMMDD-HHMMSS[-mmm],depth,temp,flag:` followed by
// `area_px,count,mean_grey,sd_grey;` per object size (flag 1 lit, 0 black), or `OVER_EXPOSED,22.2%` or
// `EMPTY_IMAGE;`. Reading never throws: a bad line is reported with its line number and byte offset (true
// file offsets when given the raw bytes, whatever their encoding) and skipped. Writing prints what the camera
// prints: depth 1 decimal, temperature 2, grey and sd 1.

import { formatCameraTime, parseCameraTimeS } from "./cameraTime.js";

/** One object-size entry of an image line: objects of `areaPx` pixels, how many, their grey mean and sd. */
export interface DataTxtEntry {
  areaPx: number;
  count: number;
  meanGrey: number;
  sdGrey: number;
}

/** One image line. */
export interface DataTxtImage {
  /** UTC seconds since 1970 (milliseconds included when the line has them). */
  timeS: number;
  depthDbar: number;
  temperatureC: number;
  kind: "lit" | "black";
  /** Share of over-exposed pixels (%) for an `OVER_EXPOSED` line, else null. */
  overexposedPercent: number | null;
  /** True for an `EMPTY_IMAGE` line. */
  empty: boolean;
  /** Per-size entries, in file order (empty for OVER_EXPOSED and EMPTY_IMAGE lines). */
  entries: DataTxtEntry[];
}

/** A line that could not be read: 1-based line number, byte offset of its start in the file, and why. */
export interface DataTxtProblem {
  line: number;
  offset: number;
  message: string;
}

/** What a *_data.txt holds: its configuration lines verbatim, its images, and the lines that were skipped. */
export interface DataTxtFile {
  hwConf: string | null;
  acqConf: string | null;
  taxoConf: string | null;
  images: DataTxtImage[];
  problems: DataTxtProblem[];
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const UINT = /^\d+$/;
const OVER_EXPOSED = /^OVER_EXPOSED,([+-]?(?:\d+(?:\.\d*)?|\.\d+))%;?$/;
const EMPTY_IMAGE = /^EMPTY_IMAGE;?$/;
const HEADER_KEYWORDS = { HW_CONF: "hwConf", ACQ_CONF: "acqConf", TAXO_CONF: "taxoConf" } as const;

/** An image line's content, or why it is not one. */
function parseImageLine(line: string): DataTxtImage | string {
  const colon = line.indexOf(":");
  if (colon < 0) return "no ':' between the image fields and its objects";
  const head = line.slice(0, colon).split(",");
  if (head.length !== 4) return `${head.length} fields before ':' where 4 were expected (time,depth,temp,flag)`;
  const [time, depth, temp, flag] = head;
  const timeS = parseCameraTimeS(time);
  if (timeS === null) return `time "${time}" is not YYYYMMDD-HHMMSS[-mmm]`;
  if (!NUMBER.test(depth)) return `depth "${depth}" is not a number`;
  if (!NUMBER.test(temp)) return `temperature "${temp}" is not a number`;
  if (flag !== "0" && flag !== "1") return `flag "${flag}" is neither 1 (lit) nor 0 (black)`;
  const image: DataTxtImage = {
    timeS, depthDbar: Number(depth), temperatureC: Number(temp), kind: flag === "1" ? "lit" : "black",
    overexposedPercent: null, empty: false, entries: [],
  };
  const rest = line.slice(colon + 1);
  const over = OVER_EXPOSED.exec(rest);
  if (over) return { ...image, overexposedPercent: Number(over[1]) };
  if (EMPTY_IMAGE.test(rest)) return { ...image, empty: true };
  if (rest === "") return "no objects after ':' (an empty image is written EMPTY_IMAGE;)";
  if (!rest.endsWith(";")) return "the objects do not end with ';' (line cut short?)";
  const parts = rest.slice(0, -1).split(";");
  for (let i = 0; i < parts.length; i++) {
    const f = parts[i].split(",");
    if (f.length !== 4) return `object entry ${i + 1} "${parts[i]}" has ${f.length} fields where 4 were expected (area,count,mean,sd)`;
    const [area, count, mean, sd] = f;
    if (!UINT.test(area) || Number(area) < 1) return `object entry ${i + 1}: area "${area}" is not a positive integer`;
    if (!UINT.test(count)) return `object entry ${i + 1}: count "${count}" is not a non-negative integer`;
    if (!NUMBER.test(mean)) return `object entry ${i + 1}: mean grey "${mean}" is not a number`;
    if (!NUMBER.test(sd)) return `object entry ${i + 1}: grey sd "${sd}" is not a number`;
    image.entries.push({ areaPx: Number(area), count: Number(count), meanGrey: Number(mean), sdGrey: Number(sd) });
  }
  return image;
}

/** One line of the file: its 1-based number, the byte offset of its start and its text (newline excluded). */
interface RawLine {
  number: number;
  offset: number;
  text: string;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** A line's bytes as UTF-8 when they are valid UTF-8, else as latin1 (one character per byte). */
function decodeLine(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
  }
}

/** The lines of raw bytes, split on "\n" bytes, offsets counted in the bytes; a leading UTF-8 BOM is skipped. */
function* byteLines(bytes: Uint8Array): Generator<RawLine> {
  let start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let number = 1; start <= bytes.length; number++) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 ? bytes.length : nl;
    yield { number, offset: start, text: decodeLine(bytes.subarray(start, end)) };
    start = end + 1;
  }
}

/** The lines of a text, offsets counted in its UTF-8 encoding; a leading BOM is skipped. */
function* textLines(text: string): Generator<RawLine> {
  let offset = 0;
  if (text.startsWith("\uFEFF")) {
    text = text.slice(1);
    offset = 3;
  }
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    yield { number: i + 1, offset, text: lines[i] };
    offset += Buffer.byteLength(lines[i], "utf8") + 1;
  }
}

/**
 * Reads a *_data.txt (its raw bytes, or its text): configuration lines kept verbatim, image lines parsed,
 * bad lines reported. Byte offsets are those of the file (of the text's UTF-8 encoding when given a string),
 * exact even when a line holds bytes that are not valid UTF-8. A leading BOM and blank lines are accepted.
 */
export function readDataTxt(input: string | Uint8Array): DataTxtFile {
  const out: DataTxtFile = { hwConf: null, acqConf: null, taxoConf: null, images: [], problems: [] };
  for (const raw of typeof input === "string" ? textLines(input) : byteLines(input)) {
    const line = raw.text.trim();
    if (line === "") continue;
    const problem = (message: string) => out.problems.push({ line: raw.number, offset: raw.offset, message });
    const keyword = line.slice(0, line.indexOf(",")) as keyof typeof HEADER_KEYWORDS;
    const field = Object.hasOwn(HEADER_KEYWORDS, keyword) ? HEADER_KEYWORDS[keyword] : null;
    if (field) {
      if (out[field] !== null) problem(`a second ${keyword} line: the first one is kept`);
      else out[field] = line;
      continue;
    }
    if (!/^\d{8}-/.test(line)) {
      problem(`neither a configuration line (HW_CONF, ACQ_CONF, TAXO_CONF) nor an image line: "${line.length > 40 ? `${line.slice(0, 40)}...` : line}"`);
      continue;
    }
    const image = parseImageLine(line);
    if (typeof image === "string") problem(image);
    else out.images.push(image);
  }
  return out;
}

/** One image line as the camera writes it (no newline): EMPTY_IMAGE when there are no entries. */
export function formatDataTxtImage(image: DataTxtImage): string {
  const head = `${formatCameraTime(image.timeS)},${image.depthDbar.toFixed(1)},${image.temperatureC.toFixed(2)},${image.kind === "lit" ? 1 : 0}:`;
  if (image.overexposedPercent !== null) return `${head}OVER_EXPOSED,${image.overexposedPercent.toFixed(1)}%`;
  if (image.empty || image.entries.length === 0) return `${head}EMPTY_IMAGE;`;
  return head + image.entries.map((e) => `${e.areaPx},${e.count},${e.meanGrey.toFixed(1)},${e.sdGrey.toFixed(1)};`).join("");
}

/** A whole *_data.txt: the configuration lines (TAXO_CONF when not null), then one line per image, "\n" ended. */
export function formatDataTxt(file: { hwConf: string; acqConf: string; taxoConf: string | null; images: DataTxtImage[] }): string {
  const lines = [file.hwConf, file.acqConf, ...(file.taxoConf !== null ? [file.taxoConf] : []), ...file.images.map(formatDataTxtImage)];
  return `${lines.join("\n")}\n`;
}
