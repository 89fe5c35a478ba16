/** `sift task SPEC INDEX…`: one or more shards of one step of `sift run` (what the engines start). */
import type { Command } from '../command';

export const task: Command<{ spec: string; shards: number[] }> = {
  parse(args) {
    const [spec, ...shards] = args;
    if (!spec || shards.length === 0) throw new Error('task needs a step spec and shard indexes (sift run starts it)');
    const indexes = shards.map(Number);
    for (const [k, i] of indexes.entries()) if (!Number.isInteger(i) || i < 0) throw new Error(`task: expected shard indexes, got "${shards[k]}"`);
    return { spec, shards: indexes };
  },
  async run({ spec, shards }) {
    const { runTask } = await import('../run/task');
    const lines: string[] = [];
    for (const i of shards) lines.push(await runTask(spec, i));
    return lines.join('\n');
  },
};
