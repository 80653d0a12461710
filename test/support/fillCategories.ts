// A real Argo AUX file with TAXO fill categories written into it in place (for the tests): real AUX files hold
// categories of 0 objects, mean size 99999 (fill) and grey 255, but the six shipped ones happen to hold none.
// The values go byte for byte where the NetCDF-3 header puts each variable (big-endian float32, 2023 names).
import { NetCDFReader } from "netcdfjs";

const FILL = 99999;

/** A copy of the real AUX file `real` with, in TAXO levels `levels`, one more category: index `index`, 0 objects, size fill, grey 255. */
export function withFillCategories(real: Uint8Array, levels: readonly number[], index: number): Uint8Array {
  const bytes = new Uint8Array(real);
  const nc = new NetCDFReader(bytes);
  const view = new DataView(bytes.buffer);
  const v = (name: string) => nc.variables.find((x) => x.name === name)!;
  const nLevels = nc.dimensions.find((d) => d.name === "N_LEVELS")!.size;
  const taxoProfile = 2; // N_PROF 2 holds TAXO in the 2023 files
  const n = v("NUMBER_CATEGORIES_TAXO");
  for (const l of levels) {
    const at = taxoProfile * nLevels + l;
    const count = view.getFloat32(n.offset + 4 * at);
    if (!(count < 40)) throw new Error(`TAXO level ${l} holds ${count} categories: no room for one more`);
    view.setFloat32(n.offset + 4 * at, count + 1);
    const k = (at * 40 + count) * 4;
    view.setFloat32(v("INDEX_CATEGORY").offset + k, index);
    view.setFloat32(v("NUMBER_OBJECTS_CATEGORY").offset + k, 0);
    // Beyond the level's categories the mean size is fill already: a fill category needs no change there.
    if (view.getFloat32(v("OBJECT_MEAN_SIZE_CATEGORY").offset + k) !== FILL) throw new Error(`level ${l}: unexpected mean size past its categories`);
    view.setFloat32(v("OBJECT_MEAN_GREY_LEVEL_CATEGORY").offset + k, 255);
  }
  return bytes;
}

