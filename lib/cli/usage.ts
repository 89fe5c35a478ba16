/** `sift --help`: one text for every command (the README and docs/cli.md quote it). */
export const USAGE = `usage: sift <command> [options]

commands:
  info <files...> [--json] [--skip-bad-lines]
      Load the files as one dataset (JSONL, JSONL.gz, CSV, TSV, Parquet) and print
      rows, sources, columns, score statistics and the dataset fingerprint,
      as the Data page shows them. A folder is read as its pipeline wrote it
      (a Dolma root, DataTrove outputs and exclusion folders, a Data-Juicer
      tracer folder, or shards); --json lists each selector with its origin.

  compare <files...> --selectors a,b[,c...] --drop R [--define name=expr]... [--direction name=higher|lower]... [--json]
      Compare selectors on the same documents: Spearman, Kendall tau-b and Pearson
      (with n), at drop ratio R (0.25, 25 or 25%) the 2x2 table of dropped/kept and
      the Jaccard index of the dropped sets, per-source drops, the overlap curve
      over 0-95 %, and for 3+ selectors the Spearman matrix and set intersections.
      --define adds a derived selector, e.g. --define 'ai=loss_weak - loss_strong'.

  export <files...> --selector NAME --drop R --out PATH [--direction higher|lower]
         [--per-source src=R,...] [--missing keep|drop] [--mode threshold|softmax|boltzmann]
         [--temperature T] [--sample K] [--seed S] [--dedup-penalty P] [--define name=expr]...
         [--source a,b] [--tag T] [--score-min X] [--score-max Y]
         [--annotations FILE [--override drop|keep|both] [--annotator NAME]]
         [--list keep|drop] [--corpus] [--format jsonl|csv|parquet] [--skip-bad-lines]
      Write a manifest (doc_id lists; doc_id,weight for softmax; doc_id,draw_order for
      boltzmann), or with --corpus the listed documents themselves (all columns, JSONL
      or Parquet), and PATH's .provenance.json beside it (inputs with sha256, selector,
      parameters, overrides, filter, counts overall and per source, and this command).
      --annotations forces documents labelled drop out / keep in (by --annotator, else
      by majority); --source/--tag/--score-min/--score-max narrow the export as the
      Browse filters do; --dedup-penalty lowers the score of near-duplicates (boltzmann).
      See docs/export.md.

  score <files...> --out PATH.jsonl|PATH.parquet [--rules LIST] [--workers N] [--skip-bad-lines]
      Run Sift's heuristic scorer on every document (worker threads, one per core by
      default): per rule set (gopher_quality, gopher_repetition, c4_quality,
      fineweb_quality; --rules picks some, or none) a boolean kept column and
      <rule>_reason, the tags, the combined heuristic score in [0, 1] and one column
      per tagger signal. Rows stay in input order.

  score <files...> --model PATH|NAME [--model-config FILE] [--threads N] --out PATH
      Run an ONNX model instead (onnxruntime-node, CPU): a shipped one by name
      (quality → model_quality, byte-lm → model_bpb and model_bpb_weak) or your own
      .onnx with its JSON config (default: the .json beside it; see docs/models.md).
      --model may be repeated. Columns: doc_id and one per score the config names.

  funnel <stats.json | logging folder | run or exclusion folder> [--json]
      A pipeline run's removal funnel: each filter step in pipeline order with
      documents in, kept and dropped, and the drops by reason, from the run's
      statistics (a logging folder's stats.json, or its per-task stats/*.json
      added up) and from the removed documents in the folder (exclusion outputs,
      Data-Juicer tracer files), side by side; plus DataTrove summary statistics.

  verify <manifest.provenance.json> [--part N]
      Recompute the manifest from its inputs and parameters; exit 0 only if identical,
      else 1 naming the first difference (a changed input, parameter or manifest line).
      For a manifest of sift run export, --part N checks one shard's part.

  run score|measure|export <shards...> --work DIR [--engine local|slurm] [--tasks N]
      [--shards-per-task G] [--partition P] [--time T] [--cpus-per-task C] [--sbatch=LINE]...
      [--dry-run] [--use-scores] [--selectors a,b] [export options as above]
      The same work one shard per task, on worker processes here or a Slurm job array,
      with the same result: score sidecars, merged full-corpus figures, or a keep/drop
      list byte-identical to sift export's (the cut found from per-shard counts, never
      by gathering all scores). Re-running runs only shards without a valid output.
      See docs/cluster.md.

options:
  --json             print JSON instead of text
  --skip-bad-lines   skip malformed JSONL lines instead of stopping at the first; they are
                     counted and listed (info, compare, score: as warnings; export: in the
                     provenance, and verify skips the same way)
  --scores FILE      join a score file to the documents by id (info, compare, export; repeatable):
                     Parquet, JSONL or CSV with an id column (doc_id, id, …) and columns of
                     numbers, each a selector; ids without a partner on either side are counted
  -h, --help         show this help
`;
