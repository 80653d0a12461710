// Configuration blobs for firmware tests: the real 000118LP unit's lines, with test overrides.
// Values the firmware must refuse (the builder refuses them too) are patched in after building.
import { parseAcqConf } from "../../host/config/acqConf.js";
import { buildConfigBlob, CONFIG_V1_OFFSETS } from "../../host/config/configBlob.js";
import { parseHwConf } from "../../host/config/hwConf.js";

/** HW_CONF of the real float unit 000118LP (Argo float 4903634's meta_aux file). */
export const REAL_HW_CONF =
  "HW_CONF,000118LP,0,UNDEFINED,0,000161VE2,1,250,,0.600,393857,10000,2,0,59,6,22,2300.000,1.136,73,0.720,20220331,202204070804,alice.pierret@imev-mer.fr,50.8,64,80.6,102,128,161,203,256,323,406,512,645,813,1020,1290,1630,2050,2580;";
/** ACQ_NKE_3 of the same unit. */
export const REAL_ACQ_CONF = "ACQ_CONF,ACQ_NKE_3,1,2.000,2,0,0,1,0,2,813,1.5,40,10,0,1000,60,marc.picheral@imev-mer.fr,TAXO_NKE_0,0;";
/** The 2022.01 class lower bounds, um. */
export const REAL_CLASS_BOUNDS_UM = [50.8, 64, 80.6, 102, 128, 161, 203, 256, 323, 406, 512, 645, 813, 1020, 1290, 1630, 2050, 2580];

/** What a test may change in the real unit's configuration. */
export interface TestBlobOptions {
  widthPx: number;
  heightPx: number;
  threshold?: number;
  framesPerBloc?: number;
  /** Defaults to 1000 (never over-exposed): small test frames would otherwise trip the 10 % rule. */
  overexposurePermille?: number;
  /** TAXO_CONF Max_size_for_classification, px (default 0: classification off). */
  maxClassifyPx?: number;
}

/** A v1 configuration blob; sizes outside the firmware's limits are written raw so it can refuse them. */
export function testBlob(o: TestBlobOptions): Uint8Array {
  const hw = { ...parseHwConf(REAL_HW_CONF), thresholdGrey: o.threshold ?? 21 };
  const acq = { ...parseAcqConf(REAL_ACQ_CONF), framesPerBloc: o.framesPerBloc ?? 2 };
  const blob = buildConfigBlob(hw, acq, undefined, { widthPx: 16, heightPx: 16, overexposureLimitPermille: o.overexposurePermille ?? 1000 });
  const v = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  v.setUint16(CONFIG_V1_OFFSETS.widthPx, o.widthPx, true);
  v.setUint16(CONFIG_V1_OFFSETS.heightPx, o.heightPx, true);
  v.setUint16(CONFIG_V1_OFFSETS.maxSizeForClassificationPx, o.maxClassifyPx ?? 0, true);
  return blob;
}
