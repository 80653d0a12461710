// Which figures of two JSON documents differ, by their dotted path (e.g. "perProfile.sbd.bytes: 689 -> 702"):
// a budgets line alone says `"bytes": 702`, not whose bytes.

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : Object.entries(value).map(([k, v]) => [path ? `.${k}` : k, v] as const);
    if (entries.length === 0) out.set(path, JSON.stringify(value));
    for (const [k, v] of entries) flatten(v, `${path}${k}`, out);
    return;
  }
  out.set(path, JSON.stringify(value));
}

/** "path: expected -> actual" for every leaf that differs, is missing or is new; null when either is not JSON. */
export function jsonFieldDifferences(expected: string, actual: string): string[] | null {
  let e: unknown;
  let a: unknown;
  try {
    e = JSON.parse(expected);
    a = JSON.parse(actual);
  } catch {
    return null;
  }
  const fe = new Map<string, string>();
  const fa = new Map<string, string>();
  flatten(e, "", fe);
  flatten(a, "", fa);
  const out: string[] = [];
  for (const [k, v] of fe) {
    const w = fa.get(k);
    if (w === undefined) out.push(`${k}: ${v} -> (absent)`);
    else if (w !== v) out.push(`${k}: ${v} -> ${w}`);
  }
  for (const [k, w] of fa) if (!fe.has(k)) out.push(`${k}: (absent) -> ${w}`);
  return out;
}
