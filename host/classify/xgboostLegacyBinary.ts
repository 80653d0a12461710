// Reader of an XGBoost model in the LEGACY BINARY format (`save_model("m.bin")` / XGBoosterSaveModel up to
// XGBoost 0.90; also what the mljs WebAssembly build ml-xgboost returns from toJSON().model), for
// conversion to uvpec (xgboostTrees.ts).
//
// Layout (little-endian, C structs written raw), as verified against ml-xgboost 1.1.2's output:
//   [optional "binf"]      4 bytes: a raw-format tag some writers (R, Python's save_raw) put first; skipped.
//   LearnerModelParam      136 bytes: f32 base_score, u32 num_feature, i32 num_class,
//                          i32 contain_extra_attrs, i32 contain_eval_metrics, i32 reserved[29]
//                          (XGBoost >= 1.0 keeps u32 major_version, minor_version in reserved[0..1]).
//   name_obj, name_gbm     strings: u64 length + bytes ("multi:softprob" / "multi:softmax", "gbtree").
//   GBTreeModelParam       160 bytes: i32 num_trees, i32 num_roots, i32 num_feature, i32 pad,
//                          i64 num_pbuffer, i32 num_output_group, i32 size_leaf_vector, i32 reserved[32].
//   per tree (num_trees):  TreeParam 148 bytes: i32 num_roots, i32 num_nodes, i32 num_deleted,
//                          i32 max_depth (XGBoost leaves it 0), i32 num_feature, i32 size_leaf_vector,
//                          i32 reserved[31];
//                          num_nodes x Node (20 bytes): i32 parent (top bit: is a left child),
//                          i32 cleft, i32 cright, u32 sindex (low 31 bits: feature, top bit: default_left;
//                          0xFFFFFFFF = deleted node), f32 info (leaf value when cleft == -1, else the
//                          split condition: go to cleft when x < info);
//                          num_nodes x RTreeNodeStat (16 bytes: f32 loss_chg, f32 sum_hess, f32 base_weight,
//                          i32 leaf_child_cnt), skipped.
//   tree_info              num_trees x i32, the class (output group) of each tree, no length prefix.
//   [attributes]           when contain_extra_attrs != 0: u64 count, then count x (key, value) strings.
//   [eval metrics]         when contain_eval_metrics != 0: u64 count, then count strings.
// (A count:poisson model stores one more string between the two; it is rejected earlier anyway.)
//
// What ml-xgboost 1.1.2 writes for multi:softprob, K classes, N rounds: base_score 0.5, num_class K,
// contain_extra_attrs 0, contain_eval_metrics 0, "multi:softprob", "gbtree", num_trees K*N, num_roots 1,
// num_pbuffer 0, num_output_group K, tree i of class i % K, and nothing after tree_info.
//
// Conversion: split node -> { feature: sindex & 0x7fffffff, threshold: info, yes: cleft, no: cright },
// leaf -> info. default_left (XGBoost's missing-value direction) has no place in the format: the camera
// sends a NaN feature to the "yes" (cleft) branch, and splits with default_left false are warned about
// (xgboostTrees.ts). base_score is the same margin for every class, so
// it changes neither the class nor the softmax score (a warning, as in the JSON importer).
// Never throws: every read is bounds-checked and every problem is an error naming its byte offset.

import { convertXgboostTrees, type ImportResult, type XgbNode, type XgbTree } from "./xgboostTrees.js";

/** Bytes of LearnerModelParam. */
export const LEARNER_PARAM_BYTES = 136;
/** Bytes of GBTreeModelParam. */
export const GBTREE_PARAM_BYTES = 160;
/** Bytes of TreeParam. */
export const TREE_PARAM_BYTES = 148;
/** Bytes of one tree Node. */
export const NODE_BYTES = 20;
/** Bytes of one RTreeNodeStat. */
export const NODE_STAT_BYTES = 16;

/** sindex of a deleted node. */
const DELETED_SINDEX = 0xffffffff;
/** Longest string (objective, booster, attribute) accepted, bytes: anything longer is taken as garbage. */
const MAX_STRING_BYTES = 1 << 20;
/** Objectives whose trees uvpec's softmax reproduces. */
const MULTI_OBJECTIVES = ["multi:softprob", "multi:softmax"];

/** One node as stored in the file. */
export interface LegacyNode {
  /** Parent node id without the is-left-child flag; -1 for the root. */
  parent: number;
  cleft: number;
  cright: number;
  /** sindex & 0x7fffffff. */
  feature: number;
  defaultLeft: boolean;
  deleted: boolean;
  /** Leaf value or split condition (float32). */
  info: number;
}

/** One tree as stored in the file, with the byte offset of its TreeParam. */
export interface LegacyTree {
  offset: number;
  numNodes: number;
  numDeleted: number;
  nodes: LegacyNode[];
}

/** The decoded file (every field as stored), or errors. */
export interface LegacyBinaryModel {
  /** 4 when the file starts with the "binf" tag, else 0. */
  headerBytes: number;
  baseScore: number;
  numFeature: number;
  numClass: number;
  containExtraAttrs: number;
  containEvalMetrics: number;
  /** XGBoost >= 1.0 writes its version in reserved[0..1]; 0.0 for older writers. */
  version: [number, number];
  objective: string;
  booster: string;
  numTrees: number;
  numRoots: number;
  gbtreeNumFeature: number;
  numPbuffer: bigint;
  numOutputGroup: number;
  sizeLeafVector: number;
  trees: LegacyTree[];
  treeInfo: number[];
  attributes: Array<[string, string]>;
  evalMetrics: string[];
  /** Offset just after the last byte read. */
  endOffset: number;
}

/** Result of parseXgboostLegacyBinary: the decoded file when there is no error, warnings, errors. */
export interface LegacyBinaryParse {
  model?: LegacyBinaryModel;
  warnings: string[];
  errors: string[];
}

// Raised by Cursor on a read past the end; caught in parseXgboostLegacyBinary, never escapes.
class ReadError extends Error {}

// Bounds-checked little-endian reader.
class Cursor {
  offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.length;
  }
  get remaining(): number {
    return this.bytes.length - this.offset;
  }
  need(n: number, what: string): void {
    if (n > this.remaining) {
      throw new ReadError(`byte ${this.offset}: ${what} needs ${n} bytes, the file has ${this.remaining} left (${this.length} bytes in all)`);
    }
  }
  i32(at: number): number {
    return this.view.getInt32(at, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  f32(at: number): number {
    return this.view.getFloat32(at, true);
  }
  i64(at: number): bigint {
    return this.view.getBigInt64(at, true);
  }
  /** Reads a u64 length or count; errors when it cannot be a real one (above `max`). */
  count(what: string, max: number): number {
    const at = this.offset;
    this.need(8, what);
    const value = this.view.getBigUint64(at, true);
    if (value > BigInt(max)) throw new ReadError(`byte ${at}: ${what} ${value} is impossible (at most ${max} here)`);
    this.offset += 8;
    return Number(value);
  }
  /** A u64-length-prefixed string (bytes taken as Latin-1 so that garbage still reads). */
  string(what: string): string {
    const n = this.count(`length of ${what}`, Math.max(0, Math.min(MAX_STRING_BYTES, this.remaining - 8)));
    let s = "";
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.bytes[this.offset + i]);
    this.offset += n;
    return s;
  }
  skip(n: number, what: string): void {
    this.need(n, what);
    this.offset += n;
  }
}

/** Decodes an XGBoost legacy binary model without converting it; never throws. */
export function parseXgboostLegacyBinary(bytes: Uint8Array): LegacyBinaryParse {
  const warnings: string[] = [];
  if (!(bytes instanceof Uint8Array)) return { warnings, errors: ["model: bytes must be a Uint8Array"] };
  try {
    return parseUnsafe(bytes, warnings);
  } catch (e) {
    if (e instanceof ReadError) return { warnings, errors: [e.message] };
    return { warnings, errors: [`internal error while reading the XGBoost model: ${(e as Error).message}`] };
  }
}

function parseUnsafe(bytes: Uint8Array, warnings: string[]): LegacyBinaryParse {
  const errors: string[] = [];
  const fail = (message: string): LegacyBinaryParse => ({ warnings, errors: [...errors, message] });
  const c = new Cursor(bytes);
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  if (tag === "bs64") return fail('byte 0: base64 model ("bs64" tag): decode it to binary first');
  if (bytes.length > 0 && (bytes[0] === 0x7b || bytes[0] === 0x20 || bytes[0] === 0x0a) && looksLikeJson(bytes)) {
    return fail("byte 0: this is a JSON model, not a legacy binary one: use importXgboostJson");
  }
  const headerBytes = tag === "binf" ? 4 : 0;
  c.offset = headerBytes;

  // LearnerModelParam.
  const lp = c.offset;
  c.need(LEARNER_PARAM_BYTES, "LearnerModelParam");
  const baseScore = c.f32(lp);
  const numFeature = c.u32(lp + 4);
  const numClass = c.i32(lp + 8);
  const containExtraAttrs = c.i32(lp + 12);
  const containEvalMetrics = c.i32(lp + 16);
  const version: [number, number] = [c.u32(lp + 20), c.u32(lp + 24)];
  c.offset += LEARNER_PARAM_BYTES;
  if (numClass < 0 || numClass > 1 << 20) return fail(`byte ${lp + 8}: num_class ${numClass} is impossible`);

  const objectiveAt = c.offset;
  const objective = c.string("the objective name");
  const boosterAt = c.offset;
  const booster = c.string("the booster name");
  if (!MULTI_OBJECTIVES.includes(objective)) {
    return fail(
      `byte ${objectiveAt}: objective ${JSON.stringify(printable(objective))} is not multi:softprob or multi:softmax ` +
        "(uvpec applies a softmax over classes; train with multi:softprob)",
    );
  }
  if (booster !== "gbtree") {
    return fail(
      `byte ${boosterAt}: booster ${JSON.stringify(printable(booster))} is not supported: only gbtree ` +
        "(dart weights its trees, gblinear has none)",
    );
  }

  // GBTreeModelParam.
  const gp = c.offset;
  c.need(GBTREE_PARAM_BYTES, "GBTreeModelParam");
  const numTrees = c.i32(gp);
  const numRoots = c.i32(gp + 4);
  const gbtreeNumFeature = c.i32(gp + 8);
  const numPbuffer = c.i64(gp + 16);
  const numOutputGroup = c.i32(gp + 24);
  const sizeLeafVector = c.i32(gp + 28);
  c.offset += GBTREE_PARAM_BYTES;
  const minTreeBytes = TREE_PARAM_BYTES + NODE_BYTES + NODE_STAT_BYTES + 4; // + its tree_info entry
  if (numTrees < 0 || numTrees * minTreeBytes > c.remaining) {
    return fail(`byte ${gp}: num_trees ${numTrees} is impossible (${c.remaining} bytes left, a tree takes at least ${minTreeBytes})`);
  }
  if (numRoots !== 1) return fail(`byte ${gp + 4}: num_roots ${numRoots}: only single-root trees are supported`);
  if (sizeLeafVector !== 0) return fail(`byte ${gp + 28}: size_leaf_vector ${sizeLeafVector}: vector leaves are not supported`);
  const groups = Math.max(1, numClass);
  if (numOutputGroup !== groups) {
    return fail(`byte ${gp + 24}: num_output_group ${numOutputGroup} differs from num_class ${numClass} (byte ${lp + 8})`);
  }
  if (numPbuffer !== 0n) warnings.push(`num_pbuffer ${numPbuffer} ignored (byte ${gp + 16}): no prediction buffer is read`);
  if (gbtreeNumFeature !== numFeature) {
    warnings.push(`num_feature differs: ${numFeature} in the learner (byte ${lp + 4}), ${gbtreeNumFeature} in the booster (byte ${gp + 8})`);
  }

  // Trees.
  const trees: LegacyTree[] = [];
  for (let t = 0; t < numTrees; t++) {
    const tp = c.offset;
    c.need(TREE_PARAM_BYTES, `trees[${t}] TreeParam`);
    const treeRoots = c.i32(tp);
    const numNodes = c.i32(tp + 4);
    const numDeleted = c.i32(tp + 8);
    const treeLeafVector = c.i32(tp + 20);
    c.offset += TREE_PARAM_BYTES;
    if (treeRoots !== 1) return fail(`byte ${tp}: trees[${t}] num_roots ${treeRoots}: only single-root trees are supported`);
    if (treeLeafVector !== 0) return fail(`byte ${tp + 20}: trees[${t}] size_leaf_vector ${treeLeafVector}: vector leaves are not supported`);
    if (numNodes < 1 || numNodes * (NODE_BYTES + NODE_STAT_BYTES) > c.remaining) {
      return fail(
        `byte ${tp + 4}: trees[${t}] num_nodes ${numNodes} is impossible ` +
          `(${c.remaining} bytes left, a node takes ${NODE_BYTES + NODE_STAT_BYTES})`,
      );
    }
    const nodes: LegacyNode[] = [];
    const np = c.offset;
    for (let k = 0; k < numNodes; k++) {
      const at = np + NODE_BYTES * k;
      const sindex = c.u32(at + 12);
      const parent = c.i32(at);
      nodes.push({
        parent: parent === -1 ? -1 : parent & 0x7fffffff, // the root's parent is -1
        cleft: c.i32(at + 4),
        cright: c.i32(at + 8),
        feature: sindex & 0x7fffffff,
        defaultLeft: sindex >>> 31 === 1,
        deleted: sindex === DELETED_SINDEX,
        info: c.f32(at + 16),
      });
    }
    c.offset += NODE_BYTES * numNodes;
    c.skip(NODE_STAT_BYTES * numNodes, `trees[${t}] node statistics`);
    trees.push({ offset: tp, numNodes, numDeleted, nodes });
  }
  const ti = c.offset;
  c.need(4 * numTrees, "tree_info");
  const treeInfo: number[] = [];
  for (let t = 0; t < numTrees; t++) treeInfo.push(c.i32(ti + 4 * t));
  c.offset += 4 * numTrees;

  // Trailing blocks.
  const attributes: Array<[string, string]> = [];
  if (containExtraAttrs !== 0) {
    const n = c.count("attribute count", Math.floor(c.remaining / 16));
    for (let i = 0; i < n; i++) attributes.push([c.string(`attribute ${i} key`), c.string(`attribute ${i} value`)]);
  }
  const evalMetrics: string[] = [];
  if (containEvalMetrics !== 0) {
    const n = c.count("eval metric count", Math.floor(c.remaining / 8));
    for (let i = 0; i < n; i++) evalMetrics.push(c.string(`eval metric ${i}`));
  }
  if (c.remaining > 0) warnings.push(`byte ${c.offset}: ${c.remaining} byte(s) after the model ignored`);

  return {
    warnings,
    errors,
    model: {
      headerBytes,
      baseScore,
      numFeature,
      numClass,
      containExtraAttrs,
      containEvalMetrics,
      version,
      objective,
      booster,
      numTrees,
      numRoots,
      gbtreeNumFeature,
      numPbuffer,
      numOutputGroup,
      sizeLeafVector,
      trees,
      treeInfo,
      attributes,
      evalMetrics,
      endOffset: c.offset,
    },
  };
}

/** Converts an XGBoost legacy binary model (<= 0.90 save_model, ml-xgboost) to a uvpec model; never throws. */
export function importXgboostLegacyBinary(bytes: Uint8Array): ImportResult {
  const parsed = parseXgboostLegacyBinary(bytes);
  const warnings = [...parsed.warnings];
  if (parsed.model === undefined) return { warnings, errors: parsed.errors };
  const m = parsed.model;
  if (m.baseScore !== 0) {
    warnings.push(
      `base_score ${m.baseScore} ignored: uvpec has no base score ` +
        "(the same margin for every class changes neither the class nor the score)",
    );
  }
  const trees: XgbTree[] = [];
  for (let t = 0; t < m.trees.length; t++) {
    const tree = toXgbTree(m.trees[t], t);
    if (typeof tree === "string") return { warnings, errors: [tree] };
    trees.push(tree);
  }
  try {
    const result = convertXgboostTrees(trees, m.treeInfo, m.numClass);
    return { ...result, warnings: [...warnings, ...result.warnings] };
  } catch (e) {
    return { warnings, errors: [`internal error while converting the XGBoost model: ${(e as Error).message}`] };
  }
}

function toXgbTree(tree: LegacyTree, index: number): XgbTree | string {
  const source = `trees[${index}] (TreeParam at byte ${tree.offset})`;
  const nodesAt = tree.offset + TREE_PARAM_BYTES;
  const nodes = new Map<number, XgbNode>();
  for (let k = 0; k < tree.nodes.length; k++) {
    const n = tree.nodes[k];
    if (n.deleted) continue; // pruned: unreachable from the root in a valid tree
    const where = `${source} node ${k} (byte ${nodesAt + NODE_BYTES * k})`;
    if (n.cleft === -1) {
      if (n.cright !== -1) return `${where}: left child -1 (leaf) but right child ${n.cright}`;
      nodes.set(k, { kind: "leaf", value: n.info });
    } else {
      for (const child of [n.cleft, n.cright]) {
        if (child < 0 || child >= tree.numNodes) return `${where}: child ${child} is outside 0..${tree.numNodes - 1}`;
      }
      nodes.set(k, { kind: "split", feature: n.feature, threshold: n.info, yes: n.cleft, no: n.cright, missingYes: n.defaultLeft });
    }
  }
  return { nodes, source };
}

function looksLikeJson(bytes: Uint8Array): boolean {
  for (let i = 0; i < Math.min(bytes.length, 64); i++) {
    const b = bytes[i];
    if (b === 0x7b) return true; // '{'
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  }
  return false;
}

function printable(s: string): string {
  const cut = s.length > 40 ? `${s.slice(0, 40)}...` : s;
  return cut.replace(/[^\x20-\x7e]/g, "?");
}
