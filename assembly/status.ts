// Status codes returned by every firmware entry point. 0 is success; nothing ever traps.
// The numbers are part of the host contract: append, never renumber.

/** Result of a firmware call. */
export enum Status {
  /** The call did what it was asked. */
  OK = 0,
  /** A frame call arrived before any valid configuration. */
  NOT_CONFIGURED = 1,
  /** Configuration blob shorter or longer than its declared length, or than the buffer. */
  CONFIG_LENGTH = 2,
  /** Configuration blob does not start with the magic 'UVPC'. */
  CONFIG_MAGIC = 3,
  /** Configuration layout version this firmware does not know. */
  CONFIG_VERSION = 4,
  /** Frame width or height is 0 or beyond the sensor (2464 x 2056). */
  CONFIG_FRAME_SIZE = 5,
  /** Frames per bloc is 0. */
  CONFIG_FRAMES_PER_BLOC = 6,
  /** Aa or Exp is not a finite positive number. */
  CONFIG_CALIBRATION = 7,
  /** The 18 class lower bounds are not finite, positive and strictly increasing. */
  CONFIG_CLASS_BOUNDS = 8,
  /** Pixel size, image volume or vignette limit is not a finite positive number. */
  CONFIG_OPTICS = 9,
  /** Over-exposure limit is outside 1..1000 per mille. */
  CONFIG_OVEREXPOSURE_LIMIT = 10,
  /** Threshold of 255 would make every pixel background. */
  CONFIG_THRESHOLD = 11,
  /** Reconfiguration or a model load refused while a frame is open, being classified, or (configure) a bloc is partly filled. */
  BUSY = 12,
  /** A row or endFrame arrived with no frame open. */
  FRAME_NOT_STARTED = 20,
  /** beginFrame arrived while a frame is open (end or abort it first). */
  FRAME_ALREADY_STARTED = 21,
  /** The row's length differs from the configured frame width; the row was ignored. */
  ROW_LENGTH = 22,
  /** The row's index is not the next expected row; the row was ignored. */
  ROW_ORDER = 23,
  /** endFrame before every row arrived; the frame was discarded and counts nowhere. */
  FRAME_INCOMPLETE = 24,
  /** Frame kind is neither lit (0) nor black (1), optionally plus the histogram flag (2). */
  FRAME_KIND = 25,
  /** Too few free record slots for what this frame may complete: take records, then retry. */
  RECORD_QUEUE_FULL = 26,
  /** Time, pressure or temperature not finite or beyond its range (time 0..1e11 s, |P| <= 1e5 dbar, |T| <= 1e4 C). */
  FRAME_METADATA = 27,
  /** No record waiting in the queue. */
  NO_RECORD = 28,
  /** Row index at or past the configured frame height; the row was ignored. */
  ROW_BEYOND_FRAME = 29,
  /** A row in a histogram frame, or a histogram entry in a pixel frame; the call was ignored. */
  FRAME_MODE = 30,
  /** Area-histogram entry with area 0, a non-finite or out-of-range mean grey, or more objects than pixels. */
  HISTOGRAM_ENTRY = 31,
  /** beginFrame, flushBlocs or loadModel while the last lit frame waits for its candidates' classification (configure returns BUSY). */
  CLASSIFICATION_PENDING = 32,
  /** classifyCandidate or finishClassification with no frame waiting for classification. */
  NOT_CLASSIFYING = 33,
  /** classifyCandidate with an index at or past the frame's candidate count. */
  CANDIDATE_INDEX = 34,
  /** The vignette has no pixel above the threshold (or a zero width or height); no features. */
  VIGNETTE_EMPTY = 40,
  /** The vignette has a side beyond 2464 px or more than 32768 pixels; nothing was read. */
  VIGNETTE_TOO_LARGE = 41,
  /** classifyVignette with no valid model loaded; the features were computed, no class was. */
  NO_MODEL = 42,
  /** A classifier call (loadModel, classifyVignette, computeVignetteFeatures) in the lpm build, which has no classifier. */
  NO_CLASSIFIER = 43,
  /** Model shorter than its header or node counts, or not exactly 12 + 4 C T + 6 N bytes; previous model kept. */
  MODEL_LENGTH = 50,
  /** Model beyond this firmware's limits (more bytes than the model area, or more trees than the index); previous model kept. */
  MODEL_TOO_LARGE = 51,
  /** Model class count outside 2..40; previous model kept. */
  MODEL_CLASSES = 52,
  /** Model with 0 trees per class; previous model kept. */
  MODEL_TREES = 53,
  /** A model tree with fewer than 2 or more than 256 nodes; previous model kept. */
  MODEL_TREE_SIZE = 54,
  /** Model total node count differs from the sum of its trees' node counts; previous model kept. */
  MODEL_NODE_TOTAL = 55,
  /** A model tree whose node 0 is not the dummy (feature 255, next 0); previous model kept. */
  MODEL_DUMMY_NODE = 56,
  /** A model node with a feature index neither below 55 nor 255 (leaf); previous model kept. */
  MODEL_FEATURE = 57,
  /** A model split node k with next[k] <= k or next[k] + 1 past its tree; previous model kept. */
  MODEL_NEXT = 58,
  /** Retired, no longer returned: tree depth is not limited (the camera runs any tree the format holds); the code stays reserved. */
  MODEL_DEPTH = 59,
  /** A model node value (dummy excluded) that is NaN or infinite; previous model kept. */
  MODEL_VALUE = 60,
  /** A model tree node (not the dummy or root) that no split, or more than one, points to; previous model kept. */
  MODEL_TREE_SHAPE = 61,
  /** Float configuration blob with a bad magic, version or length; the previous float configuration stays. */
  FLOAT_CONFIG_HEADER = 70,
  /** Float configuration with a bad zone table (1-8 zones, increasing positive boundaries, positive thickness, processing 0-2). */
  FLOAT_CONFIG_ZONES = 71,
  /** Float configuration with an SBD limit outside 100-340 bytes, a float id of 2^24 or more, no telemetry format, or an SBD noise code above 100. */
  FLOAT_CONFIG_TELEMETRY = 72,
  /** A float (slicing or telemetry) call before a successful floatConfigure. */
  FLOAT_NOT_CONFIGURED = 73,
  /** A phase code outside 0-5 (DESCENT, PARK, DEEP_PROFILE, SHORT_PARK, ASCENT, SURFACE). */
  FLOAT_PHASE = 74,
  /** A staged record with a bad kind, processing, category count or index, or a pressure, temperature or time the formats cannot carry. */
  SLICE_RECORD = 75,
  /** A telemetry part is sealed and waits for the host (take it, then telemetryReleasePart); the record was not taken. */
  PART_WAITING = 76,
  /** A slice of a kind whose previous record still waits for a part to be released; it was lost and counted. */
  SLICE_LOST = 77,
  /** A record too large for an empty SBD message at the configured limit; refused and counted (CTS5 still has it). */
  RECORD_TOO_LARGE = 78,
  /** telemetryReleasePart for a stream with no sealed part. */
  NO_PART = 79,
  /** A bloc record pushed to the slicer with an unknown kind or impossible values; ignored. */
  BLOC_RECORD = 80,
  /** The cycle has used all 65,536 SBD message or per-kind record numbers; the record was refused and counted. */
  SBD_NUMBERS_EXHAUSTED = 81,
  /** An SBD prior table with a bad length, layout version, id 0 or a count of 2^31 or more; no table is in force. */
  PRIOR_TABLE = 82,
}
