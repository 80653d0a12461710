// The firmware configuration for a named profile, with the few settings a user may override.
import { buildConfigBlob } from "./configBlob.js";
import type { Profile } from "./profile.js";

/** Settings that override the profile's own for one run. */
export interface ProfileOverrides {
  widthPx?: number;
  heightPx?: number;
  /** Grey threshold (foreground is grey > threshold). */
  threshold?: number;
  framesPerBloc?: number;
  overexposureLimitPermille?: number;
}

/** Config blob of `profile` (its frame size unless overridden). */
export function profileConfigBlob(profile: Profile, o: ProfileOverrides = {}): Uint8Array {
  const hw = o.threshold === undefined ? profile.hw : { ...profile.hw, thresholdGrey: o.threshold };
  const acq = o.framesPerBloc === undefined ? profile.acq : { ...profile.acq, framesPerBloc: o.framesPerBloc };
  return buildConfigBlob(hw, acq, profile.taxo, {
    widthPx: o.widthPx ?? profile.frame.widthPx,
    heightPx: o.heightPx ?? profile.frame.heightPx,
    overexposureLimitPermille: o.overexposureLimitPermille,
  });
}
