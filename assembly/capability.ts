// What this build of the one source can do, decided at compile time (asconfig.json targets):
//   full (default)   segmentation, LPM/BLACK, the float side and the classifier (TAXO records).
//   lpm              the same without the classifier: its vignette, label image and model areas are not
//                    reserved, so the module fits 3 pages. Build with `--use UVP_LPM=1`.
// The model area of a full build is a build setting too: `--use UVP_MODEL_AREA_BYTES=<bytes>` (a multiple
// of 16); the default keeps the full build at 12 pages (docs/engineers.md, "Builds by capability").

/** Whether this build has the classifier (false in the lpm build). */
export const CLASSIFIER_BUILT: bool = !isDefined(UVP_LPM);

/** Bytes of one model area in a full build unless UVP_MODEL_AREA_BYTES says otherwise: 224 KiB. */
export const DEFAULT_MODEL_AREA_BYTES: u32 = 224 << 10;

/** Bytes of one model area in this build (0 in the lpm build, which has none). */
export const MODEL_AREA_BYTES: u32 = CLASSIFIER_BUILT
  ? (isDefined(UVP_MODEL_AREA_BYTES) ? <u32>UVP_MODEL_AREA_BYTES : DEFAULT_MODEL_AREA_BYTES)
  : 0;

/** Bytes memory.data reserves for a buffer the lpm build does not use (it refuses a size of 0). */
export const ABSENT_BUFFER_BYTES: u32 = 16;
