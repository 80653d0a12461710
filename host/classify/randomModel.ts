// Random valid uvpec models, for round-trip, fuzz and firmware cross-check tests. The caller supplies the
// uniform [0, 1) source (e.g. the simulator's seeded Rng), so models are reproducible.

import { FEATURE_COUNT } from "./features.js";
import { LEAF_FEATURE, MAX_NODES_PER_TREE, type ModelTree, type TreeModel } from "./modelTypes.js";

/** Default deepest random tree, in split levels (XGBoost's usual max_depth; the format itself has no limit). */
export const RANDOM_TREE_DEPTH = 7;

/** Shape limits of randomModel (defaults in brackets). */
export interface RandomModelOptions {
  /** Classes [2..40 uniformly]. */
  classCount?: number;
  /** Trees per class [1..4 uniformly]. */
  treesPerClass?: number;
  /** Deepest tree in split levels [RANDOM_TREE_DEPTH]; trees stop splitting at 255 real nodes whatever the depth. */
  maxDepth?: number;
  /** Probability that a node above maxDepth splits [0.7]. */
  splitProbability?: number;
  /** Split thresholds and leaf values are uniform in [-valueRange, valueRange) [1000]. */
  valueRange?: number;
}

/** A random valid model (breadth-first node order, as the XGBoost import writes it). */
export function randomModel(random: () => number, options: RandomModelOptions = {}): TreeModel {
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const classCount = options.classCount ?? int(2, 40);
  const treesPerClass = options.treesPerClass ?? int(1, 4);
  const trees: ModelTree[] = [];
  for (let i = 0; i < classCount * treesPerClass; i++) trees.push(randomTree(random, options));
  return { classCount, treesPerClass, trees };
}

/** A random valid tree: nodes generated breadth-first, each split's children adjacent. */
export function randomTree(random: () => number, options: RandomModelOptions = {}): ModelTree {
  const maxDepth = options.maxDepth ?? RANDOM_TREE_DEPTH;
  const splitProbability = options.splitProbability ?? 0.7;
  const range = options.valueRange ?? 1000;
  const depths: number[] = [0]; // depth of node i + 1 (node 0 is the dummy)
  const values: number[] = [0];
  const features: number[] = [LEAF_FEATURE];
  const next: number[] = [0];
  for (let i = 0; i < depths.length; i++) {
    const value = (random() * 2 - 1) * range;
    values.push(value);
    const room = depths.length + 2 <= MAX_NODES_PER_TREE - 1; // two more real nodes still fit next's u8
    if (depths[i] < maxDepth && room && random() < splitProbability) {
      features.push(Math.floor(random() * FEATURE_COUNT));
      next.push(depths.length + 1); // new index of the first child about to be appended
      depths.push(depths[i] + 1, depths[i] + 1);
    } else {
      features.push(LEAF_FEATURE);
      next.push(0);
    }
  }
  return { values: Float32Array.from(values), features: Uint8Array.from(features), next: Uint8Array.from(next) };
}
