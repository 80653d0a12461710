// Loader of ml-xgboost (a devDependency: the mljs WebAssembly build of real XGBoost, whose model bytes are
// XGBoost's legacy binary format), for training the simulator's demo classifier and for the tests.
//
// Facts about ml-xgboost 1.1.2 that matter here (checked, see test/classify-legacy-binary.test.ts):
// - Training and prediction matrices are float32 (features are float32 already, so nothing is lost).
// - Its C glue builds matrices with missing = -1: a value of exactly -1.0 is MISSING to XGBoost (it takes
//   the node's default direction), and a NaN aborts the process ("There are NAN in the matrix"). Callers
//   must pass finite values other than -1 (xgboostSafeRow below).
// - Its default subsample is 0.5: pass subsample 1 for training without row sampling.
// - toJSON().model is the model as SIGNED bytes (-128..127); modelBytes() returns them as a Uint8Array.
// - Loading it prints "wasm streaming compile failed ... falling back" because Node has
//   WebAssembly.instantiateStreaming but the module passes a file path to fetch; instantiateStreaming is
//   hidden for the (synchronous) duration of the require, so it goes straight to the ArrayBuffer path.

import { createRequire } from "node:module";

/** Options of an ml-xgboost booster (XGBoost parameters as strings or numbers, plus `iterations`). */
export type XgboostOptions = Record<string, string | number>;

/** An ml-xgboost booster. */
export interface XgboostBooster {
  train(trainingSet: number[][], labels: number[]): void;
  /** Per row, the K class probabilities for multi:softprob. */
  predict(rows: number[][]): number[][];
  toJSON(): { name: string; model: number[]; options: unknown };
  /** Frees the booster's WebAssembly memory (not garbage collected). */
  free(): void;
}

/** The ml-xgboost class. */
export type XgboostClass = new (options: XgboostOptions) => XgboostBooster;

let loading: Promise<XgboostClass> | undefined;

/** Loads ml-xgboost once (without its streaming-compile warning); rejects if the package is not installed. */
export function loadXgboost(): Promise<XgboostClass> {
  if (loading === undefined) {
    const require = createRequire(import.meta.url);
    const wasm = WebAssembly as unknown as Record<string, unknown>;
    const streaming = Object.getOwnPropertyDescriptor(wasm, "instantiateStreaming");
    try {
      if (streaming) Object.defineProperty(wasm, "instantiateStreaming", { ...streaming, value: undefined });
      loading = Promise.resolve(require("ml-xgboost") as Promise<XgboostClass>);
    } catch (e) {
      loading = Promise.reject(new Error(`ml-xgboost could not be loaded (npm install --save-dev ml-xgboost@1.1.2): ${(e as Error).message}`));
    } finally {
      if (streaming) Object.defineProperty(wasm, "instantiateStreaming", streaming);
    }
  }
  return loading;
}

/** The model bytes (XGBoost legacy binary) of a trained booster. */
export function modelBytes(booster: XgboostBooster): Uint8Array {
  return Uint8Array.from(booster.toJSON().model, (b) => b & 0xff);
}

const FLOAT32_MAX = 3.4028234663852886e38;
/** The float32 just below -1 (-1 - 2^-23). */
export const BELOW_MINUS_ONE = -1 - 2 ** -23;

/**
 * A float32 feature vector as a row ml-xgboost trains on exactly as uvpec will evaluate it:
 * - NaN and +inf -> +FLT_MAX: on the camera a NaN feature fails every "x < threshold" test and so always
 *   takes the "no" branch, exactly like a value above every (finite) threshold; -inf -> -FLT_MAX likewise;
 * - exactly -1 -> the float32 just below -1, because ml-xgboost reads -1 as MISSING. The two only differ
 *   for a split threshold lying in (-1 - 2^-23, -1], which XGBoost would only choose with a training value
 *   of -0.99999994 next to it.
 */
export function xgboostSafeRow(features: ArrayLike<number>): number[] {
  const row = new Array<number>(features.length);
  for (let i = 0; i < features.length; i++) {
    const v = features[i];
    row[i] = Number.isNaN(v) || v === Infinity ? FLOAT32_MAX : v === -Infinity ? -FLOAT32_MAX : v === -1 ? BELOW_MINUS_ONE : v;
  }
  return row;
}
