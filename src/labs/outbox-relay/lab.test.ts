import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { factsOf } from '../kit/define-lab.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import type { ReaderInput } from '../sim/types.ts';
import { pipelineFigures } from './figures.ts';
import { outboxLab } from './lab.ts';
import type { OutboxFact } from './messages.ts';

const lab = outboxLab();
let env: NodeLab;
beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });

describe('smoke', () => {
  it('runs the workload', async () => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    await sim.apply(action('run-workload'));
    await sim.runUntilQuiet(5000);
    console.log(sim.trace.filter((e) => e.type === 'note').map((e) => ('text' in e ? `${e.at} ${e.service}: ${String(e.text)}` : '')).join('\n'));
    console.table(pipelineFigures(factsOf<OutboxFact>(sim.trace)));
    console.log([...(await sim.checkInvariants())].map(([id, r]) => `${id}: ${r.status} ${r.summary}`).join('\n'));
    expect(sim.quiet).toBe(true);
  }, 120_000);
});
