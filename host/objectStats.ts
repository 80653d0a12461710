// The statistics every labeller reports for an object (firmware debug log, reference labeller, truth).

/** One 8-connected object: pixel count, sum of its greys, inclusive bounding box (0-based pixels). */
export interface ObjectStats {
  areaPx: number;
  greySum: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
