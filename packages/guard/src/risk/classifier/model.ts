import { extractFeatures, FEATURE_BUCKETS, featureNorm, MAX_FEATURES } from "./features.ts";
import { CLASSIFIER_MODEL } from "./weights.generated.ts";

/** What the classifier recognises; benign text scores low on all three. */
export const CLASSIFIER_LABELS = ["injection", "jailbreak", "harmful"] as const;
export type ClassifierLabel = (typeof CLASSIFIER_LABELS)[number];
export type ClassifierScores = Record<ClassifierLabel, number>;

/** The serialized model (weights.generated.ts, written by packages/guard/training/train.ts). */
export interface ClassifierModel {
  version: string;
  bits: number;
  labels: readonly string[];
  bias: readonly number[];
  /** Per label: the int8 weights are multiplied by this. */
  scale: readonly number[];
  /** Base64 of int8 weights, bucket-major: weight of (bucket b, label k) at b * labels.length + k. */
  weights: string;
}

const K = CLASSIFIER_LABELS.length;

function decodeBase64(s: string): Int8Array {
  const table = new Int16Array(128).fill(-1);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  const out = new Int8Array(Math.floor((s.replace(/=+$/, "").length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const v = table[s.charCodeAt(i)] ?? -1;
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

interface Loaded {
  weights: Int8Array;
  bias: Float64Array;
  scale: Float64Array;
}

let loaded: Loaded | null = null;
/** Reused across calls: scoring is synchronous, so one buffer per process is enough. */
let features: Int32Array | null = null;

/** Decodes the weights once per process, on first use. */
function load(): Loaded {
  if (loaded) return loaded;
  const m = CLASSIFIER_MODEL;
  if (m.bits !== Math.log2(FEATURE_BUCKETS) || m.labels.join() !== CLASSIFIER_LABELS.join()) {
    throw new Error("risk classifier weights do not match the feature extractor; run pnpm --filter @llmguard/guard train:risk");
  }
  const weights = decodeBase64(m.weights);
  if (weights.length !== FEATURE_BUCKETS * K) throw new Error("risk classifier weights have the wrong size");
  loaded = { weights, bias: Float64Array.from(m.bias), scale: Float64Array.from(m.scale) };
  return loaded;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Probability that `text` is a prompt injection, a jailbreak or a harmful request: a logistic model per
 * label over the presence of hashed word n-grams (features.ts), their sum scaled by featureNorm.
 */
export function classify(text: string): ClassifierScores {
  const m = load();
  if (!features) features = new Int32Array(MAX_FEATURES);
  const n = extractFeatures(text, features);
  if (n === 0) return { injection: 0, jailbreak: 0, harmful: 0 };
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  const w = m.weights;
  for (let i = 0; i < n; i++) {
    const b = (features[i] ?? 0) * K;
    s0 += w[b] ?? 0;
    s1 += w[b + 1] ?? 0;
    s2 += w[b + 2] ?? 0;
  }
  const norm = featureNorm(n);
  return {
    injection: sigmoid((m.bias[0] ?? 0) + (m.scale[0] ?? 0) * s0 * norm),
    jailbreak: sigmoid((m.bias[1] ?? 0) + (m.scale[1] ?? 0) * s1 * norm),
    harmful: sigmoid((m.bias[2] ?? 0) + (m.scale[2] ?? 0) * s2 * norm),
  };
}

/** Model version, for factor details and docs. */
export const CLASSIFIER_VERSION = CLASSIFIER_MODEL.version;
