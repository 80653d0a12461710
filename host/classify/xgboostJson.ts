// Reader of an XGBoost model saved as JSON (`booster.save_model("m.json")`) for conversion to uvpec.
//
// Used fields: learner.learner_model_param.num_class and base_score, learner.objective.name,
// learner.gradient_booster.name ("gbtree" only) and .model.trees[] / .model.tree_info[]. Per tree:
// left_children, right_children (-1 = leaf), split_indices, split_conditions. A leaf's value is its
// split_conditions entry (XGBoost stores the leaf value there; base_weights holds the weight before the
// learning rate, so it is not used). default_left (missing-value direction) is read only to warn where it
// differs from the camera's rule (a NaN feature goes to the left, "yes", child).
// Rejected: categorical splits (split_type != 0), vector leaves (size_leaf_vector > 1), dart boosters.

import { convertXgboostTrees, type ImportResult, type XgbNode, type XgbTree } from "./xgboostTrees.js";

type Json = Record<string, unknown>;

/** Converts an XGBoost JSON model (text or parsed object) to a uvpec model, with warnings and errors. */
export function importXgboostJson(input: string | object): ImportResult {
  const warnings: string[] = [];
  const fail = (message: string): ImportResult => ({ warnings, errors: [message] });
  let root: unknown = input;
  if (typeof input === "string") {
    try {
      root = JSON.parse(input);
    } catch (e) {
      return fail(`not valid JSON: ${(e as Error).message}`);
    }
  }
  const learner = field(root, "learner");
  const params = field(learner, "learner_model_param");
  const booster = field(learner, "gradient_booster");
  if (!isObject(learner) || !isObject(params) || !isObject(booster)) {
    return fail("not an XGBoost JSON model: learner.learner_model_param and learner.gradient_booster are required");
  }
  const boosterName = field(booster, "name");
  if (boosterName !== "gbtree") {
    return fail(`gradient_booster ${JSON.stringify(boosterName)} is not supported: only gbtree (dart weights its trees)`);
  }
  const classCount = Number(field(params, "num_class"));
  const objective = field(field(learner, "objective"), "name");
  if (typeof objective === "string" && objective !== "multi:softprob" && objective !== "multi:softmax") {
    warnings.push(`objective ${objective}: uvpec applies a softmax over classes (multi:softprob)`);
  }
  warnBaseScore(field(params, "base_score"), warnings);

  const model = field(booster, "model");
  const jsonTrees = field(model, "trees");
  if (!Array.isArray(jsonTrees)) return fail("learner.gradient_booster.model.trees is missing");
  let treeClasses = field(model, "tree_info");
  if (!Array.isArray(treeClasses) || treeClasses.length !== jsonTrees.length) {
    warnings.push("tree_info missing or of the wrong length: tree i is taken as class i % num_class");
    treeClasses = jsonTrees.map((_, i) => (Number.isInteger(classCount) && classCount > 0 ? i % classCount : 0));
  }
  const trees: XgbTree[] = [];
  for (let i = 0; i < jsonTrees.length; i++) {
    const tree = readTree(jsonTrees[i], `trees[${i}]`);
    if (typeof tree === "string") return fail(tree);
    trees.push(tree);
  }
  const result = convertXgboostTrees(trees, (treeClasses as unknown[]).map(Number), classCount);
  return { ...result, warnings: [...warnings, ...result.warnings] };
}

function readTree(json: unknown, source: string): XgbTree | string {
  const left = field(json, "left_children");
  const right = field(json, "right_children");
  const indices = field(json, "split_indices");
  const conditions = field(json, "split_conditions");
  if (!Array.isArray(left) || !Array.isArray(right) || !Array.isArray(indices) || !Array.isArray(conditions)) {
    return `${source}: left_children, right_children, split_indices and split_conditions are required`;
  }
  const n = left.length;
  if (right.length !== n || indices.length !== n || conditions.length !== n) {
    return `${source}: node arrays differ in length`;
  }
  const leafVector = Number(field(field(json, "tree_param"), "size_leaf_vector") ?? 1);
  if (leafVector > 1) return `${source}: vector leaves (size_leaf_vector ${leafVector}) are not supported`;
  const splitType = field(json, "split_type");
  const defaultLeft = field(json, "default_left");
  const nodes = new Map<number, XgbNode>();
  for (let k = 0; k < n; k++) {
    if (Array.isArray(splitType) && Number(splitType[k] ?? 0) !== 0) {
      return `${source} node ${k}: categorical split, not supported by uvpec`;
    }
    const yes = Number(left[k]);
    const no = Number(right[k]);
    if (yes === -1 && no === -1) nodes.set(k, { kind: "leaf", value: Math.fround(Number(conditions[k])) });
    else if (yes === -1 || no === -1) return `${source} node ${k}: exactly one child is -1`;
    else {
      nodes.set(k, {
        kind: "split",
        feature: Number(indices[k]),
        threshold: Math.fround(Number(conditions[k])),
        yes,
        no,
        missingYes: Array.isArray(defaultLeft) ? Number(defaultLeft[k]) !== 0 : undefined,
      });
    }
  }
  return { nodes, source };
}

// base_score: "5E-1", or a vector "[5E-1,5E-1]" in recent XGBoost; uvpec has no base score.
function warnBaseScore(raw: unknown, warnings: string[]): void {
  if (raw === undefined) return;
  const values = String(raw)
    .replace(/[[\]]/g, "")
    .split(",")
    .map((s) => Number(s.trim()));
  if (values.every((v) => v === 0)) return;
  const uniform = values.every((v) => v === values[0]);
  warnings.push(
    `base_score ${String(raw)} ignored: uvpec has no base score` +
      (uniform
        ? " (the same margin for every class changes neither the class nor the score)"
        : " (it differs between classes, so predictions will differ from XGBoost's)"),
  );
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(value: unknown, name: string): unknown {
  return isObject(value) ? value[name] : undefined;
}
