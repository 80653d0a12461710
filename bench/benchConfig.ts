// The configuration the benchmarks run: the real unit 000118LP at full frame size.
import { loadProfile } from "../host/config/profile.js";
import { profileConfigBlob } from "../host/config/profileBlob.js";

/** Config blob of profile 000118LP, full frame, with `threshold` and frames per bloc 1. */
export function buildBenchBlob(threshold: number): Uint8Array {
  return profileConfigBlob(loadProfile("000118LP"), { threshold, framesPerBloc: 1 });
}
