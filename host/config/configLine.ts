// Shared reading of the camera's configuration lines (HW_CONF, ACQ_CONF, TAXO_CONF): splitting, field
// numbering and the one error type every parser throws.
//
// Field numbering: a field's index is its 0-based position in the line as the camera prints it, where
// field 0 is the keyword. `HW_CONF,000118LP,...` has Camera_ref at index 1, and so does `000118LP,...`
// (a line given without its keyword, as the Argo meta file stores it): numbers never depend on the form.

/** Keywords of the three configuration lines. */
export type ConfigKeyword = "HW_CONF" | "ACQ_CONF" | "TAXO_CONF";

/** A configuration line that cannot be used, naming the field at fault. */
export class ConfigLineError extends Error {
  override readonly name = "ConfigLineError";
  /** The line as given. */
  readonly line: string;
  /** Name of the field at fault (camera spelling, e.g. "Aa"), or "(field count)" / "(keyword)". */
  readonly field: string;
  /** 0-based index of that field in the line with its keyword at 0; -1 when the fault is the count. */
  readonly index: number;

  constructor(line: string, field: string, index: number, message: string) {
    super(message);
    this.line = line;
    this.field = field;
    this.index = index;
  }
}

/** Numeric constraints on one field. */
export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
  /** Value must be strictly greater than this. */
  above?: number;
}

// Plain decimal numbers as the camera prints them ("2300.000", "0.6", "-5", "1e3"); no hex, no "Infinity".
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The finite number a field spells in plain decimal, or undefined ("", "abc", "0x10", "1e999"). */
export function decimalValue(raw: string): number | undefined {
  if (!NUMBER.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** One configuration line split into trimmed fields, with typed, checked readers. */
export class ConfigLine {
  /** Fields with the keyword at index 0 (added when the line came without it). */
  readonly fields: readonly string[];

  private constructor(readonly keyword: ConfigKeyword, readonly line: string, fields: string[]) {
    this.fields = fields;
  }

  /** Splits `line` (keyword and trailing ';' optional); throws ConfigLineError on an empty or foreign line. */
  static split(keyword: ConfigKeyword, line: string): ConfigLine {
    let body = line.trim();
    if (body.endsWith(";")) body = body.slice(0, -1);
    if (body.trim() === "") throw new ConfigLineError(line, "(keyword)", 0, `${keyword}: the line is empty`);
    const fields = body.split(",").map((f) => f.trim());
    if (fields[0] !== keyword) {
      // Another frame's keyword (ACQ_CONF given to the HW_CONF parser, an LPM_DATA line...) is a mistake,
      // not a line without its keyword. Configuration names such as ACQ_NKE_3 never end in _CONF/_DATA.
      if (/^[A-Z]+_(CONF|DATA)$/.test(fields[0])) {
        throw new ConfigLineError(line, "(keyword)", 0, `${keyword}: the line is a ${fields[0]} line`);
      }
      fields.unshift(keyword);
    }
    return new ConfigLine(keyword, line, fields);
  }

  /** Number of fields after the keyword. */
  get count(): number {
    return this.fields.length - 1;
  }

  /** A ConfigLineError about field `index` called `name`. */
  error(index: number, name: string, problem: string): ConfigLineError {
    return new ConfigLineError(this.line, name, index, `${this.keyword} field ${index} (${name}): ${problem}`);
  }

  /** A ConfigLineError about the number of fields (`detail` is appended to the message). */
  countError(expected: string, detail = ""): ConfigLineError {
    return new ConfigLineError(
      this.line,
      "(field count)",
      -1,
      `${this.keyword}: ${this.count} fields after the keyword; expected ${expected}${detail}`,
    );
  }

  /** Field `index` as text; `nonEmpty` rejects "". */
  text(index: number, name: string, nonEmpty = false): string {
    const raw = this.fields[index] ?? "";
    if (nonEmpty && raw === "") throw this.error(index, name, "is empty");
    return raw;
  }

  /** Field `index` as a finite number obeying `rule`. */
  number(index: number, name: string, rule: NumberRule = {}): number {
    const raw = this.fields[index] ?? "";
    if (!NUMBER.test(raw)) throw this.error(index, name, `${JSON.stringify(raw)} is not a number`);
    const value = Number(raw);
    if (!Number.isFinite(value)) throw this.error(index, name, `${JSON.stringify(raw)} is not a finite number`);
    if (rule.integer && !Number.isInteger(value)) throw this.error(index, name, `${raw} is not an integer`);
    if (rule.above !== undefined && !(value > rule.above)) throw this.error(index, name, `${raw} must be > ${rule.above}`);
    const low = rule.min ?? -Infinity;
    const high = rule.max ?? Infinity;
    if (value < low || value > high) {
      const range = rule.max === undefined ? `>= ${low}` : rule.min === undefined ? `<= ${high}` : `${low}..${high}`;
      throw this.error(index, name, `${raw} is out of range (${range})`);
    }
    return value;
  }
}
