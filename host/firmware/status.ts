// Mirror of assembly/status.ts: the numbers are the firmware's contract.

/** Status codes the firmware returns (0 = OK); see assembly/status.ts for each one's meaning. */
export enum Status {
  OK = 0,
  NOT_CONFIGURED = 1,
  CONFIG_LENGTH = 2,
  CONFIG_MAGIC = 3,
  CONFIG_VERSION = 4,
  CONFIG_FRAME_SIZE = 5,
  CONFIG_FRAMES_PER_BLOC = 6,
  CONFIG_CALIBRATION = 7,
  CONFIG_CLASS_BOUNDS = 8,
  CONFIG_OPTICS = 9,
  CONFIG_OVEREXPOSURE_LIMIT = 10,
  CONFIG_THRESHOLD = 11,
  BUSY = 12,
  FRAME_NOT_STARTED = 20,
  FRAME_ALREADY_STARTED = 21,
  ROW_LENGTH = 22,
  ROW_ORDER = 23,
  FRAME_INCOMPLETE = 24,
  FRAME_KIND = 25,
  RECORD_QUEUE_FULL = 26,
  FRAME_METADATA = 27,
  NO_RECORD = 28,
  ROW_BEYOND_FRAME = 29,
  FRAME_MODE = 30,
  HISTOGRAM_ENTRY = 31,
  CLASSIFICATION_PENDING = 32,
  NOT_CLASSIFYING = 33,
  CANDIDATE_INDEX = 34,
  VIGNETTE_EMPTY = 40,
  VIGNETTE_TOO_LARGE = 41,
  NO_MODEL = 42,
  MODEL_LENGTH = 50,
  MODEL_TOO_LARGE = 51,
  MODEL_CLASSES = 52,
  MODEL_TREES = 53,
  MODEL_TREE_SIZE = 54,
  MODEL_NODE_TOTAL = 55,
  MODEL_DUMMY_NODE = 56,
  MODEL_FEATURE = 57,
  MODEL_NEXT = 58,
  MODEL_DEPTH = 59,
  MODEL_VALUE = 60,
  MODEL_TREE_SHAPE = 61,
}

const explanations: Record<number, string> = {
  [Status.OK]: "ok",
  [Status.NOT_CONFIGURED]: "the firmware has no valid configuration yet",
  [Status.CONFIG_LENGTH]: "configuration blob has the wrong length",
  [Status.CONFIG_MAGIC]: "configuration blob does not start with 'UVPC'",
  [Status.CONFIG_VERSION]: "configuration layout version not supported",
  [Status.CONFIG_FRAME_SIZE]: "frame size is 0 or larger than 2464 x 2056",
  [Status.CONFIG_FRAMES_PER_BLOC]: "frames per bloc is 0",
  [Status.CONFIG_CALIBRATION]: "Aa or Exp is not a finite positive number (Exp <= 4)",
  [Status.CONFIG_CLASS_BOUNDS]: "the 18 class bounds are not positive and strictly increasing",
  [Status.CONFIG_OPTICS]: "pixel size, image volume or vignette limit is not a finite positive number",
  [Status.CONFIG_OVEREXPOSURE_LIMIT]: "over-exposure limit is outside 1..1000 per mille",
  [Status.CONFIG_THRESHOLD]: "threshold 255 would make every pixel background",
  [Status.BUSY]: "a frame is open or a bloc is partly filled: flush blocs before reconfiguring",
  [Status.FRAME_NOT_STARTED]: "no frame is open",
  [Status.FRAME_ALREADY_STARTED]: "a frame is already open",
  [Status.ROW_LENGTH]: "row length differs from the configured frame width",
  [Status.ROW_ORDER]: "row index is not the next expected row",
  [Status.FRAME_INCOMPLETE]: "frame ended before all its rows arrived; it was discarded",
  [Status.FRAME_KIND]: "frame kind must be 0 (lit) or 1 (black), plus 2 for a histogram frame",
  [Status.RECORD_QUEUE_FULL]: "record queue full: take records first",
  [Status.FRAME_METADATA]: "time, pressure or temperature is not finite",
  [Status.NO_RECORD]: "no record waiting",
  [Status.ROW_BEYOND_FRAME]: "row index is at or past the configured frame height",
  [Status.FRAME_MODE]: "a histogram frame takes no rows, a pixel frame no histogram entries",
  [Status.CLASSIFICATION_PENDING]: "beginFrame, flushBlocs or configure while the last lit frame waits for its candidates' classification",
  [Status.NOT_CLASSIFYING]: "classifyCandidate or finishClassification with no frame waiting for classification",
  [Status.CANDIDATE_INDEX]: "classifyCandidate with an index at or past the frame's candidate count",
  [Status.VIGNETTE_EMPTY]: "the vignette has no pixel above the threshold (or a zero width or height); no features",
  [Status.VIGNETTE_TOO_LARGE]: "the vignette has a side beyond 2464 px or more than 32768 pixels; nothing was read",
  [Status.NO_MODEL]: "classifyVignette with no valid model loaded; the features were computed, no class was",
  [Status.MODEL_LENGTH]: "model shorter than its header or node counts, or not exactly 12 + 4 C T + 6 N bytes; previous model kept",
  [Status.MODEL_TOO_LARGE]: "model beyond this firmware's limits (more bytes than the model area, or more trees than the index); previous model kept",
  [Status.MODEL_CLASSES]: "model class count outside 2..40; previous model kept",
  [Status.MODEL_TREES]: "model with 0 trees per class; previous model kept",
  [Status.MODEL_TREE_SIZE]: "a model tree with fewer than 2 or more than 256 nodes; previous model kept",
  [Status.MODEL_NODE_TOTAL]: "model total node count differs from the sum of its trees' node counts; previous model kept",
  [Status.MODEL_DUMMY_NODE]: "a model tree whose node 0 is not the dummy (feature 255, next 0); previous model kept",
  [Status.MODEL_FEATURE]: "a model node with a feature index neither below 55 nor 255 (leaf); previous model kept",
  [Status.MODEL_NEXT]: "a model split node k with next[k] <= k or next[k] + 1 past its tree; previous model kept",
  [Status.MODEL_DEPTH]: "a model tree with a path of more than 7 split nodes; previous model kept",
  [Status.MODEL_VALUE]: "a model node value (dummy excluded) that is NaN or infinite; previous model kept",
  [Status.MODEL_TREE_SHAPE]: "a model tree node (not the dummy or root) that no split, or more than one, points to; previous model kept",
  [Status.HISTOGRAM_ENTRY]: "area-histogram entry out of range (area, mean grey, or more objects than pixels)",
};

/** Name and meaning of a status code, for messages. */
export function describeStatus(code: number): string {
  const name = Status[code] ?? `UNKNOWN_${code}`;
  return `${name} (${code}): ${explanations[code] ?? "unknown status"}`;
}

/** A firmware call that returned a status other than OK where the caller required success. */
export class FirmwareError extends Error {
  /** Creates the error for `status` returned by `call`. */
  constructor(readonly status: Status, readonly call: string) {
    super(`firmware ${call} failed: ${describeStatus(status)}`);
    this.name = "FirmwareError";
  }
}
