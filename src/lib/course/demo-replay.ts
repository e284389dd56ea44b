/**
 * Replays course demos in Node on their labs' real databases and compares each one's step and trace hash with
 * demo-hashes.generated.json, the figures the browser must show for the same link. `WRITE_COMPARISON=1` (as
 * for the labs' comparison tables) records the demos replayed afresh, keeping the others. Only tests call this.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { expect } from 'vitest';
import { openNodeLab, type NodeLab } from '../../labs/node-lab.ts';
import { replay } from '../../labs/sim/simulation.ts';
import type { LabDefinition } from '../../labs/sim/types.ts';
import { demoInputs } from './demo-link.ts';
import type { Demo } from './types.ts';

export interface RecordedDemo {
  readonly step: number;
  readonly traceHash: string;
}

export const demoHashesFile = new URL('./demo-hashes.generated.json', import.meta.url);

export function committedDemoHashes(): Record<string, RecordedDemo> {
  const file = fileURLToPath(demoHashesFile);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, RecordedDemo>) : {};
}

/** Each demo's step and hash, one lab opened once and reset between its demos. */
export async function replayDemos(demos: readonly Demo[], labs: ReadonlyMap<string, LabDefinition>): Promise<Record<string, RecordedDemo>> {
  const open = new Map<string, NodeLab>();
  const measured: Record<string, RecordedDemo> = {};
  try {
    for (const demo of demos) {
      const lab = labs.get(demo.lab);
      if (!lab) throw new Error(`no lab ${demo.lab}`);
      let env = open.get(demo.lab);
      if (env) await env.reset();
      else open.set(demo.lab, (env = await openNodeLab(lab)));
      const sim = await replay({ lab, seed: demo.seed, databases: env.databases }, demoInputs(demo), demo.step);
      measured[demo.id] = { step: sim.steps, traceHash: sim.hash() };
    }
  } finally {
    await Promise.all([...open.values()].map((env) => env.close()));
  }
  return measured;
}

export async function expectRecordedDemos(measured: Record<string, RecordedDemo>, testFile: string): Promise<void> {
  const file = fileURLToPath(demoHashesFile);
  if (process.env['WRITE_COMPARISON'] === '1') {
    const merged = { ...committedDemoHashes(), ...measured };
    const options = await resolveConfig(file);
    writeFileSync(file, await format(JSON.stringify(merged), { ...options, filepath: file }));
  }
  const committed = committedDemoHashes();
  const expected = Object.fromEntries(Object.keys(measured).map((id) => [id, committed[id] ?? '(not recorded)']));
  const regenerate = `WRITE_COMPARISON=1 npx vitest run ${testFile}`;
  expect(measured, `demo-hashes.generated.json is out of date; regenerate it with: ${regenerate}`).toEqual(expected);
}
