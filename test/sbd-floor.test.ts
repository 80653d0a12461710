// The telemetry benchmark's floor arithmetic and byte accounting (bench/sbdFloor.ts, bench/sbdAccounting.ts).
import { describe, expect, it } from "vitest";
import { accountSbdMessages } from "../bench/sbdAccounting.js";
import { empiricalEntropyBits, poissonEntropyBits, robustSd, roundedNormalEntropyBits } from "../bench/sbdFloor.js";
import { encodeSbdCycle } from "./support/sbdReferenceEncoder.js";
import type { LpmSlice } from "../host/telemetry/types.js";

describe("information floor", () => {
  it("Poisson entropy: exact sums agree with known values and with the Stirling series where they meet", () => {
    expect(poissonEntropyBits(0)).toBe(0);
    // H(Poisson(1)) = 1.3048 nats.
    expect(poissonEntropyBits(1)).toBeCloseTo(1.3048 / Math.LN2, 3);
    const direct = (mu: number) => {
      let h = 0;
      let lp = -mu;
      for (let k = 0; k < 400; k++) {
        if (k > 0) lp += Math.log(mu / k);
        h -= Math.exp(lp) * lp;
      }
      return h / Math.LN2;
    };
    expect(poissonEntropyBits(60)).toBeCloseTo(direct(60), 4);
    expect(poissonEntropyBits(61)).toBeCloseTo(direct(61), 4);
    expect(poissonEntropyBits(448005)).toBeCloseTo(0.5 * Math.log2(2 * Math.PI * Math.E * 448005), 4);
  });

  it("a rounded normal value carries 0.5 log2(2 pi e sd^2) bits when wide, about nothing when narrow", () => {
    expect(roundedNormalEntropyBits(10)).toBeCloseTo(0.5 * Math.log2(2 * Math.PI * Math.E * 100), 6);
    expect(roundedNormalEntropyBits(2.9)).toBeCloseTo(0.5 * Math.log2(2 * Math.PI * Math.E * 2.9 * 2.9), 1);
    // Narrow: one bit only when the mean sits on a half-integer (one offset in eight), else none.
    expect(roundedNormalEntropyBits(0.01)).toBeCloseTo(1 / 8, 2);
    expect(roundedNormalEntropyBits(0)).toBe(0);
  });

  it("empirical entropy and robust spread", () => {
    expect(empiricalEntropyBits([1, 2, 3, 4])).toBe(2);
    expect(empiricalEntropyBits([5, 5, 5])).toBe(0);
    expect(robustSd([1, 2, 3, 4, 1000])).toBeCloseTo(1.4826, 4);
  });
});

describe("byte accounting", () => {
  it("charges every body bit to a field: fields + framing + flush = the messages' bytes, flush under 5 B a message", () => {
    const records: LpmSlice[] = Array.from({ length: 40 }, (_, i) => ({
      kind: "lpm", phase: "ASCENT", processing: "AM", timeS: 1.7e9 + 60 * i, pressureDbar: 1000 - 10 * i, images: 50 + (i % 3),
      temperatureC: 10 + i / 100,
      counts: Array.from({ length: 18 }, (_, k) => Math.floor(100000 / 4 ** k) + ((i * 7 + k) % 5)),
      grey: Array.from({ length: 18 }, (_, k) => (Math.floor(100000 / 4 ** k) > 0 ? 30 + 3 * k + (i % 2) : 0)),
    }));
    const messages = encodeSbdCycle(records, { floatId: 4903634, cycle: 1, maxBytes: 340 });
    const a = accountSbdMessages(messages).lpm;
    expect(a.records).toBe(40);
    expect(a.messages).toBe(messages.length);
    const fields = Object.values(a.fields).reduce((s, b) => s + b, 0);
    expect(fields + a.framingBytes + a.flushBytes).toBeCloseTo(messages.reduce((s, m) => s + m.length, 0), 6);
    expect(a.flushBytes).toBeGreaterThan(-1);
    expect(a.flushBytes / a.messages).toBeLessThan(5);
    expect(Object.keys(a.fields)).toContain("later:counts");
    expect(Object.keys(a.fields)).toContain("first:greys");
  });
});
