import { applyConfig, configInput, CONFIG_MAGIC, classOfArea, esdUm, overexposureLimitPx, widthPx } from "../config";
import { Status } from "../status";

const BOUNDS: f32[] = [50.8, 64, 80.6, 102, 128, 161, 203, 256, 323, 406, 512, 645, 813, 1020, 1290, 1630, 2050, 2580];

function writeGood(): void {
  const p = configInput;
  store<u32>(p, CONFIG_MAGIC, 0);
  store<u16>(p, 1, 4);
  store<u16>(p, 120, 6);
  store<u16>(p, 2464, 8);
  store<u16>(p, 2056, 10);
  store<u8>(p, 22, 12);
  store<u8>(p, 2, 13);
  store<u16>(p, 40, 14);
  store<f64>(p, 2300.0, 16);
  store<f64>(p, 1.136, 24);
  store<f32>(p, 73, 32);
  store<f32>(p, 0.72, 36);
  for (let k = 0; k < 18; k++) store<f32>(p + 40 + (k << 2), BOUNDS[k]);
  store<f32>(p, 813, 112);
  store<u16>(p, 65535, 116);
  store<u16>(p, 100, 118);
}

describe("applyConfig", () => {
  it("accepts the real 000118LP configuration", () => {
    writeGood();
    expect<Status>(applyConfig(120)).toBe(Status.OK);
    expect<u32>(widthPx).toBe(2464);
    expect<u32>(overexposureLimitPx).toBe(506598); // floor(2464 * 2056 * 100 / 1000)
  });

  it("rejects each bad field with its own status and keeps the previous configuration", () => {
    writeGood(); store<u32>(configInput, 0, 0);
    expect<Status>(applyConfig(120)).toBe(Status.CONFIG_MAGIC);
    writeGood(); store<u16>(configInput, 2, 4);
    expect<Status>(applyConfig(120)).toBe(Status.CONFIG_VERSION);
    writeGood();
    expect<Status>(applyConfig(119)).toBe(Status.CONFIG_LENGTH);
    expect<Status>(applyConfig(100000)).toBe(Status.CONFIG_LENGTH);
    writeGood(); store<u16>(configInput, 2465, 8);
    expect<Status>(applyConfig(120)).toBe(Status.CONFIG_FRAME_SIZE);
    writeGood(); store<u16>(configInput, 0, 10);
    expect<Status>(applyConfig(120)).toBe(Status.CONFIG_FRAME_SIZE);
    writeGood(); store<u8>(configInput, 255, 12);
    expect<Status>(applyConfig(120)).toBe(Status.CONFIG_THRESHOLD);
    writeGood(); store<u8>(configInput, 0, 13);
    expect<Status>(applyConfig(120)).toBe(Status.CONFIG_FRAMES_PER_BLOC);
    writeGood(); store<f64>(configInput, NaN, 16);
    expect<Status>(applyConfig(120)).toBe(Status.CONFIG_CALIBRATION);
    writeGood(); store<f64>(configInput, -1.0, 24);
    expect<Status>(applyConfig(120)).toBe(Status.CONFIG_CALIBRATION);
    writeGood(); store<f32>(configInput, Infinity, 36);
    expect<Status>(applyConfig(120)).toBe(Status.CONFIG_OPTICS);
    writeGood(); store<f32>(configInput + 40 + 20, 100);
    expect<Status>(applyConfig(120)).toBe(Status.CONFIG_CLASS_BOUNDS);
    writeGood(); store<u16>(configInput, 1001, 118);
    expect<Status>(applyConfig(120)).toBe(Status.CONFIG_OVEREXPOSURE_LIMIT);
    expect<u32>(widthPx).toBe(2464);
  });

  it("puts each area in the class its ESD falls in (Aa 2300, Exp 1.136)", () => {
    writeGood();
    applyConfig(120);
    // 1 px -> 54.1 um (class 0), 2 px -> 80.0 um (class 1: just below 80.6), 3 px -> 101 um (class 2).
    expect<i32>(classOfArea(1)).toBe(0);
    expect<i32>(classOfArea(2)).toBe(1);
    expect<i32>(classOfArea(3)).toBe(2);
    for (let a: u32 = 1; a < 20000; a += 7) {
      const esd = esdUm(<f64>a, 2300.0, 1.136);
      const k = classOfArea(a);
      let expected: i32 = -1;
      for (let i = 0; i < 18; i++) if (esd >= <f64>BOUNDS[i]) expected = i;
      expect<i32>(k).toBe(expected);
    }
  });
});
