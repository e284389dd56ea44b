import { describe, expect, it } from 'vitest';
import { buildCatalog, exercisesIn } from './exercise-catalog.ts';
import { exportProgress } from './progress.ts';
import { aggregateRoom } from './room-progress.ts';

const catalog = buildCatalog(
  [
    {
      id: 'transactions/sagas',
      title: 'Sagas',
      order: 2,
      body: '<Exercise lab="order-saga" id="held-row">\n<Exercise lab="order-saga" id="kept">',
    },
    {
      id: 'transactions/two-phase-commit',
      title: 'Two-phase commit',
      order: 1,
      body: 'text <Exercise lab="two-phase-commit" id="strand" />',
    },
  ],
  (lab, id) => `${lab}: ${id}`,
);

const file = (learner: string, exercises: Record<string, Record<string, string>>) =>
  exportProgress({ v: 2, exercises }, new Date('2026-12-03T10:00:00Z'), learner);
const t = '2026-12-03T09:00:00.000Z';

describe('exercise catalog', () => {
  it('lists a part’s chapters in sidebar order, each chapter’s exercises in page order', () => {
    expect(catalog.map((e) => [e.key, e.chapter, e.href])).toEqual([
      ['two-phase-commit/strand', 'Two-phase commit', '/transactions/two-phase-commit/#exercise-strand'],
      ['order-saga/held-row', 'Sagas', '/transactions/sagas/#exercise-held-row'],
      ['order-saga/kept', 'Sagas', '/transactions/sagas/#exercise-kept'],
    ]);
    expect(catalog[0]?.part).toBe('Part III · Transactions across services');
  });

  it('refuses a chapter that places an exercise its lab does not define', () => {
    expect(() => buildCatalog([{ id: 'ownership/x', title: 'X', order: 1, body: '<Exercise lab="a" id="b">' }], () => undefined)).toThrow(
      'ownership/x places exercise a/b',
    );
    expect(exercisesIn('<Exercise id="b" lab="a">')).toEqual([{ labId: 'a', exerciseId: 'b' }]);
  });
});

describe('room progress', () => {
  it('aggregates three learners’ files, sticking points first, and names the files it refused', () => {
    const room = aggregateRoom(
      [
        { name: 'ada.json', text: file('Ada', { 'two-phase-commit/strand': { solved: t }, 'order-saga/kept': { tried: t } }) },
        { name: 'bo.json', text: file('', { 'order-saga/kept': { tried: t }, 'order-saga/held-row': { revealed: t } }) },
        { name: 'cy.json', text: file('Cy', { 'two-phase-commit/strand': { tried: t, solved: t }, 'order-saga/held-row': { solved: t } }) },
        { name: 'notes.txt', text: 'meeting notes' },
      ],
      catalog,
    );
    expect(room.learners.map((l) => [l.name, l.solved])).toEqual([
      ['Ada', 1],
      ['bo', 0],
      ['Cy', 2],
    ]);
    expect(room.exercises.map((r) => [r.exercise.key, r.stuck, r.solved, r.revealed, r.notStarted])).toEqual([
      ['order-saga/kept', 2, 0, 0, 1],
      ['order-saga/held-row', 0, 1, 1, 1],
      ['two-phase-commit/strand', 0, 2, 0, 1],
    ]);
    expect(room.refused).toEqual([{ name: 'notes.txt', reason: 'The file is not valid JSON: it may be damaged or cut short.' }]);
  });
});
