// The blobs the host builds are accepted by the firmware itself, which reads back the same class bounds.
import { describe, expect, it } from "vitest";
import { buildConfigBlob } from "../host/config/configBlob.js";
import { listProfiles, loadProfile } from "../host/config/profile.js";
import { BUILDS, Firmware, simdSupported, Status } from "../host/firmware/index.js";

describe("config blob -> firmware", () => {
  for (const build of BUILDS) {
    it.skipIf(build === "simd" && !simdSupported())(`the ${build} build accepts every profile's blob`, () => {
      for (const name of listProfiles()) {
        const p = loadProfile(name);
        const fw = Firmware.create(build);
        expect(fw.configure(buildConfigBlob(p.hw, p.acq, p.taxo, p.frame)), name).toBe(Status.OK);
        const bounds = p.hw.classLowerBoundsUm.map((_, k) => fw.raw.classBound(k));
        expect(bounds, name).toEqual(p.hw.classLowerBoundsUm.map(Math.fround));
      }
    });

    it.skipIf(build === "simd" && !simdSupported())(`the ${build} build rejects a blob of another version`, () => {
      const p = loadProfile("000118LP");
      const blob = buildConfigBlob(p.hw, p.acq, p.taxo);
      blob[4] = 2;
      expect(Firmware.create(build).configure(blob)).toBe(Status.CONFIG_VERSION);
    });
  }
});
