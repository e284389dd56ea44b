import { describe, expect, it } from 'vitest';
import type { RecordedInput } from '../../labs/sim/simulation.ts';
import { decodeInputs, encodeInputs, readSavedRun, savedRun, scenarioFromParams, scenarioParams } from './scenario-link.ts';

const lab = {
  actions: [{ id: 'transfer-30', label: '', service: 'coordinator', message: { type: 'transfer' } }],
  faults: [
    { id: 'bank-b-votes-no', label: '', description: '' },
    { id: 'partition-bank-b', label: '', description: '' },
  ],
  services: [
    { name: 'coordinator', label: '', role: '', tables: [] },
    { name: 'bank-a', label: '', role: '', tables: [] },
  ],
};

const inputs: RecordedInput[] = [
  { step: 0, input: { kind: 'fault', faultId: 'partition-bank-b', on: true } },
  { step: 0, input: { kind: 'action', actionId: 'transfer-30' } },
  { step: 4, input: { kind: 'sql', service: 'bank-a', sql: "SELECT * FROM accounts WHERE owner = 'Zoë' -- ünïcode & + / =" } },
  { step: 6, input: { kind: 'fault', faultId: 'partition-bank-b', on: false } },
  { step: 9, input: { kind: 'restart', service: 'coordinator' } },
];

describe('scenario links', () => {
  it('writes inputs compactly and reads them back unchanged', () => {
    const text = encodeInputs(lab, inputs);
    expect(text).toMatch(/^0f1\.0a0\.4q1x[A-Za-z0-9_-]+\.6F1\.9r0$/);
    expect(decodeInputs(lab, text)).toEqual(inputs);
  });

  it('round-trips through the address, keeping its other parameters', () => {
    const params = scenarioParams('two-phase-commit', lab, { seed: 7, step: 11, horizon: 14, inputs }, new URLSearchParams('seed=3'));
    expect(params.get('seed')).toBe('3');
    const back = new URLSearchParams(params.toString());
    expect(scenarioFromParams('two-phase-commit', lab, back)).toEqual({ seed: 7, step: 11, horizon: 14, inputs });
    expect(scenarioFromParams('order-saga', lab, back)).toBeUndefined();
  });

  it('says why a link made for another version of the lab cannot be replayed', () => {
    const broken = new URLSearchParams('lab=two-phase-commit&s=7&k=3&i=0a9');
    expect(scenarioFromParams('two-phase-commit', lab, broken)).toBeInstanceOf(Error);
    expect(scenarioFromParams('two-phase-commit', lab, new URLSearchParams('lab=two-phase-commit&s=x'))).toBeInstanceOf(Error);
  });

  it('keeps a run for a reload, and offers nothing for an empty or damaged record', () => {
    expect(readSavedRun(lab, savedRun(lab, { seed: 7, step: 11, inputs }))).toEqual({ seed: 7, step: 11, inputs });
    expect(readSavedRun(lab, savedRun(lab, { seed: 7, step: 0, inputs: [] }))).toBeUndefined();
    expect(readSavedRun(lab, '{oops')).toBeUndefined();
    expect(readSavedRun(lab, null)).toBeUndefined();
  });
});
