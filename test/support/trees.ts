// Hand-built uvpec trees for classifier tests.
import { LEAF_FEATURE, type ModelTree } from "../../host/classify/modelTypes.js";

/** One node as [feature, next, value]. */
export type NodeSpec = [number, number, number];

/** A tree from node lists (node 0 = dummy is added): [feature, next, value] per node from the root. */
export function tree(nodes: NodeSpec[]): ModelTree {
  const all: NodeSpec[] = [[LEAF_FEATURE, 0, 0], ...nodes];
  return {
    features: Uint8Array.from(all.map((n) => n[0])),
    next: Uint8Array.from(all.map((n) => n[1])),
    values: Float32Array.from(all.map((n) => n[2])),
  };
}

/** A leaf node of `value`. */
export const leaf = (value: number): NodeSpec => [LEAF_FEATURE, 0, value];
/** A split node: x[feature] < threshold goes to next, else next + 1. */
export const split = (feature: number, next: number, threshold: number): NodeSpec => [feature, next, threshold];
