import { describe, expect, it } from 'vitest';
import type { LabDefinition } from '../../labs/sim/types.ts';
import { exerciseAnchor, exercisesOnPage, labAnchor, panelSummary, planPanels, servicesWithTables } from './workspace.ts';

const service = (name: string, tables: number, database = true) => ({
  name,
  label: name,
  role: '',
  ...(database ? { database: { kind: 'postgres' as const, setupSql: '' } } : {}),
  tables: Array.from({ length: tables }, (_, i) => ({ title: `t${i}`, sql: 'SELECT 1' })),
});

function lab(overrides: Partial<LabDefinition>): LabDefinition {
  return {
    id: 'test',
    title: 'Test',
    services: [service('a', 1), service('app', 0, false)],
    behaviours: {},
    faults: [],
    invariants: [],
    actions: [],
    network: { latencyMs: 10, jitterMs: 0 },
    exercises: [],
    ...overrides,
  };
}

describe('workspace panels', () => {
  it('leaves out every panel that would be empty', () => {
    expect(planPanels(lab({ services: [service('app', 0, false)] })).map((p) => p.id)).toEqual(['map', 'timeline']);
  });

  it('shows faults, invariants and measures when the lab declares them, beside the map and timeline', () => {
    const plan = planPanels(
      lab({
        faults: [{ id: 'f', label: 'F', description: '' }],
        invariants: [{ id: 'i', label: 'I', check: () => Promise.resolve({ status: 'holds', summary: '' }) }],
        measures: [{ id: 'm', label: 'M', measure: () => ({ summary: '', rows: [] }) }],
      }),
    );
    expect(plan.map((p) => `${p.id}:${p.column}`)).toEqual([
      'map:main',
      'timeline:main',
      'invariants:side',
      'faults:side',
      'measures:side',
      'tables:side',
      'console:side',
    ]);
  });

  it('lists only the services that have table views', () => {
    expect(servicesWithTables(lab({})).map((s) => s.name)).toEqual(['a']);
  });

  it('names the anchors that tie a lab and its exercises together', () => {
    expect(labAnchor('two-phase-commit')).toBe('lab-two-phase-commit');
    expect(exerciseAnchor('prove-the-lock')).toBe('exercise-prove-the-lock');
  });

  it('finds the exercises of a lab on its page, in page order', () => {
    const marks = [
      { lab: 'order-saga', id: 'charge-twice' },
      { lab: 'two-phase-commit', id: 'refused-by-a-lock' },
    ];
    const page = {
      querySelectorAll: (selector: string) =>
        marks
          .filter((m) => selector === `[data-exercise-lab="${m.lab}"]`)
          .map((m) => ({ getAttribute: (name: string) => (name === 'data-exercise' ? m.id : null) })),
    };
    expect(exercisesOnPage(page, 'two-phase-commit')).toEqual(['refused-by-a-lock']);
    expect(() => exercisesOnPage(page, '"]')).toThrow();
  });

  it('sums up a collapsed panel in a few words', () => {
    const holds = { status: 'holds' as const, summary: '' };
    const invariant = (id: string) => ({ id, label: id, check: () => Promise.resolve(holds) });
    const withInvariants = lab({ invariants: [invariant('a'), invariant('b'), invariant('c')] });
    const view = { invariants: { a: holds, b: { status: 'broken' as const, summary: '' } }, faultsOn: ['f'], crashed: [] };
    expect(panelSummary('invariants', withInvariants, view)).toBe('1 broken, 1 pending, 1 holds');
    expect(panelSummary('faults', withInvariants, view)).toBe('1 on');
    expect(panelSummary('map', withInvariants, { ...view, crashed: ['a'] })).toBe('1 down');
    expect(panelSummary('tables', withInvariants, view)).toBeUndefined();
  });
});
