// The host's Status enum mirrors assembly/status.ts exactly (names and numbers).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Status } from "../host/firmware/index.js";
import { packageRoot } from "../host/paths.js";

describe("status codes", () => {
  it("are the same in the firmware source and the host", () => {
    const source = readFileSync(join(packageRoot(), "assembly", "status.ts"), "utf8");
    const firmware = [...source.matchAll(/^\s+([A-Z_]+) = (\d+),/gm)].map((m) => [m[1], Number(m[2])]);
    const host = Object.entries(Status).filter(([, v]) => typeof v === "number");
    expect(firmware.length).toBeGreaterThan(20);
    expect(host).toEqual(firmware);
  });
});
