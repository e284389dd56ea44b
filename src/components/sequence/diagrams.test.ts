/**
 * The chapters' diagrams against the labs they picture: every lifeline is a service the lab still has (and a
 * role its database still creates), and every message a diagram names is one the lab really sends when the
 * diagram's action runs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventualConsistencyLab } from '../../labs/eventual-consistency/lab.ts';
import syncSharedSql from '../../labs/eventual-consistency/sync-shared.sql?raw';
import { openNodeLab, type NodeLab } from '../../labs/node-lab.ts';
import { orderSagaLab } from '../../labs/order-saga/lab.ts';
import { Simulation } from '../../labs/sim/simulation.ts';
import type { LabDefinition } from '../../labs/sim/types.ts';
import { twoPhaseCommitLab } from '../../labs/two-phase-commit/lab.ts';
import { DIAGRAMS, type LabId } from './diagrams.ts';

const LABS: Readonly<Record<LabId, LabDefinition>> = {
  'two-phase-commit': twoPhaseCommitLab(),
  'order-saga': orderSagaLab(),
  'eventual-consistency': eventualConsistencyLab(),
};
const ROLES: Readonly<Record<string, string>> = { 'sync-shared': syncSharedSql };

/** The services' own names as the lab labels them, without the engine in brackets. */
const plain = (label: string) => label.replace(/\s*\([^)]*\)$/, '');

describe.each(Object.entries(DIAGRAMS))('the %s diagram', (_id, diagram) => {
  const lab = LABS[diagram.lab];

  it('draws services the lab has, under the lab’s own labels unless the chapter names them more briefly', () => {
    for (const p of diagram.participants) {
      if (!p.service) continue;
      const service = lab.services.find((s) => s.name === p.service);
      expect(service, `${p.service} in ${lab.id}`).toBeDefined();
      if (p.role) expect(ROLES[p.service], `role ${p.role}`).toMatch(new RegExp(`CREATE ROLE ${p.role}\\b`));
      else if (diagram.lab !== 'eventual-consistency') expect(p.label).toBe(plain(service?.label ?? ''));
    }
  });

  it('shows a run of one of the lab’s actions, or none', () => {
    if (diagram.run) expect(lab.actions.map((a) => a.id)).toContain(diagram.run);
    else expect(diagram.messages).toEqual([]);
  });
});

describe.each(Object.keys(LABS) as LabId[])('the messages the diagrams of %s name', (labId) => {
  const lab = LABS[labId];
  const diagrams = Object.entries(DIAGRAMS).filter(([, d]) => d.lab === labId && d.run);
  let env: NodeLab;
  beforeAll(async () => {
    env = await openNodeLab(lab);
  });
  afterAll(() => env.close());
  beforeEach(() => env.reset());

  it.each(diagrams)('are sent when the %s diagram’s action runs', async (_id, diagram) => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    await sim.apply({ kind: 'action', actionId: diagram.run ?? '' });
    await sim.runUntilQuiet();
    const sent = new Set(sim.trace.flatMap((e) => (e.type === 'send' ? [`${e.to} ← ${e.message.type}`] : [])));
    for (const m of diagram.messages) expect(sent, `${m.to} ← ${m.type}`).toContain(`${m.to} ← ${m.type}`);
  });
});
