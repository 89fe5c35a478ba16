/**
 * Presets for the public transformer quality classifiers: each model's own
 * conventions (input names and length, head, selector names, the threshold its
 * authors used), so a config can be just {"preset": "fineweb-edu"} beside the
 * downloaded model.onnx and tokenizer.json. A config's own fields override the
 * preset's. docs/models.md says where each model is published and how to export it.
 */

export interface Preset {
  /** Where the model is published. */
  published: string;
  description: string;
  /** The head and its convention, in words (the model card says it). */
  head: string;
  config: Record<string, unknown>;
  /** The threshold the model's authors used, on which selector, and what it keeps. */
  threshold: { selector: string; value: number; keeps: 'at or above' | 'above'; note: string };
}

const BERT_INPUTS = { ids: 'input_ids', mask: 'attention_mask', type_ids: 'token_type_ids', dtype: 'int64' };

export const PRESETS: Record<string, Preset> = {
  'fineweb-edu': {
    published: 'HuggingFaceFW/fineweb-edu-classifier',
    description: 'FineWeb-Edu classifier: a regression head on snowflake-arctic-embed-m (BERT), trained on Llama-3-70B educational-value annotations (0–5); 512 tokens.',
    head: 'regression: fineweb_edu is the raw score; fineweb_edu_int = round(clamp(score, 0, 5)), halves to even (Python)',
    config: {
      name: 'fineweb_edu',
      max_length: 512,
      inputs: BERT_INPUTS,
      encoding: { type: 'tokenizer', file: 'tokenizer.json' },
      head: { type: 'regression', output: 'logits', name: 'fineweb_edu', direction: 'higher', int_score: 'fineweb_edu_int' },
    },
    threshold: { selector: 'fineweb_edu_int', value: 3, keeps: 'at or above', note: 'FineWeb-Edu keeps int_score ≥ 3, which removes about 92 % of FineWeb' },
  },
  'nvidia-fineweb-edu': {
    published: 'nvidia/nemocurator-fineweb-edu-classifier',
    description: "NVIDIA's FineWeb-Edu classifier (NeMo Curator): the same 0–5 regression scale and int_score; 512 tokens.",
    head: 'regression: nvidia_edu is the raw score; nvidia_edu_int = round(clamp(score, 0, 5)), halves to even',
    config: {
      name: 'nvidia_edu',
      max_length: 512,
      inputs: BERT_INPUTS,
      encoding: { type: 'tokenizer', file: 'tokenizer.json' },
      head: { type: 'regression', output: 'logits', name: 'nvidia_edu', direction: 'higher', int_score: 'nvidia_edu_int' },
    },
    threshold: { selector: 'nvidia_edu_int', value: 3, keeps: 'at or above', note: 'the FineWeb-Edu convention: keep int_score ≥ 3' },
  },
  'nvidia-quality': {
    published: 'nvidia/quality-classifier-deberta',
    description:
      "NVIDIA's quality classifier: DeBERTa-v3 with a linear head on the CLS token, softmax over three classes; 1,024 tokens. The class order is the model's id2label (its config.json); set \"labels\" if yours differs.",
    head: 'softmax over High, Low, Medium: a probability per class, and nvidia_quality = 2·p(High) + p(Medium)',
    config: {
      name: 'nvidia_quality',
      max_length: 1024,
      inputs: { ids: 'input_ids', mask: 'attention_mask', dtype: 'int64' },
      encoding: { type: 'tokenizer', file: 'tokenizer.json' },
      head: { type: 'softmax', output: 'logits', name: 'nvidia_quality', labels: ['High', 'Low', 'Medium'], weights: [2, 0, 1] },
    },
    threshold: { selector: 'nvidia_quality_high', value: 0.5, keeps: 'at or above', note: 'NeMo Curator labels a document by its most probable class; keeping High and Medium drops Low' },
  },
};

/** A config with its preset's fields filled in (the config's own win; inputs, encoding and head merge field by field). */
export function withPreset(config: Record<string, unknown>, fail: (message: string) => never): Record<string, unknown> {
  if (config.preset === undefined) return config;
  const preset = typeof config.preset === 'string' ? PRESETS[config.preset] : undefined;
  if (!preset) return fail(`"preset" must be one of ${Object.keys(PRESETS).join(', ')}, got ${JSON.stringify(config.preset)}`);
  const base = preset.config;
  const merged: Record<string, unknown> = { ...base, ...config };
  for (const key of ['inputs', 'encoding', 'head'])
    if (base[key] && config[key] && typeof config[key] === 'object') merged[key] = { ...(base[key] as object), ...(config[key] as object) };
  return merged;
}

/** What the page shows for a model run from a preset: the model, its head, and what its authors' threshold does here. */
export interface ModelCard {
  preset: string;
  published: string;
  description: string;
  head: string;
  threshold: Preset['threshold'];
  /** Documents scored, and those the authors' threshold would drop (below it), on the loaded corpus. */
  scored: number;
  dropped: number;
}

/** The card for a config naming a preset, with the threshold's drop ratio on these scores; null without a preset. */
export function modelCard(config: unknown, columns: Record<string, ArrayLike<number>>): ModelCard | null {
  const name = (config as { preset?: unknown } | null)?.preset;
  const preset = typeof name === 'string' ? PRESETS[name] : undefined;
  if (!preset) return null;
  const values = columns[preset.threshold.selector] ?? [];
  let scored = 0;
  let dropped = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    scored++;
    if (preset.threshold.keeps === 'at or above' ? v < preset.threshold.value : v <= preset.threshold.value) dropped++;
  }
  return { preset: name as string, published: preset.published, description: preset.description, head: preset.head, threshold: preset.threshold, scored, dropped };
}
