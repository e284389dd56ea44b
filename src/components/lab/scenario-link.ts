/**
 * A run as text for the address bar and for storage: the seed, the reader's recorded inputs and the step, so
 * that a link or a reload replays the same run to the same step. Inputs are written compactly, by the index of
 * the action, fault or service in the lab's definition: `3a0` is action 0 at step 3, `5f2` fault 2 switched on
 * at step 5 (`F` off), `7r1` a restart of service 1, `9q1x<base64url>` SQL on service 1. Pure, so it is tested alone.
 */
import type { RecordedInput } from '../../labs/sim/simulation.ts';
import type { LabDefinition } from '../../labs/sim/types.ts';

export interface Scenario {
  readonly seed: number;
  readonly step: number;
  /** The furthest step reached, so that the rewind slider reaches as far as in the run that was shared. */
  readonly horizon?: number;
  readonly inputs: readonly RecordedInput[];
}

type ScenarioLab = Pick<LabDefinition, 'actions' | 'faults' | 'services'>;

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeInputs(lab: ScenarioLab, inputs: readonly RecordedInput[]): string {
  const index = (list: readonly { readonly id?: string; readonly name?: string }[], key: string) => {
    const i = list.findIndex((item) => (item.id ?? item.name) === key);
    if (i < 0) throw new Error(`not in this lab: ${key}`);
    return i;
  };
  return inputs
    .map(({ step, input }) => {
      switch (input.kind) {
        case 'action':
          return `${step}a${index(lab.actions, input.actionId)}`;
        case 'fault':
          return `${step}${input.on ? 'f' : 'F'}${index(lab.faults, input.faultId)}`;
        case 'restart':
          return `${step}r${index(lab.services, input.service)}`;
        case 'sql':
          return `${step}q${index(lab.services, input.service)}x${toBase64Url(input.sql)}`;
      }
    })
    .join('.');
}

/** The inputs back from their text; throws, saying why, on a text made for another version of the lab. */
export function decodeInputs(lab: ScenarioLab, text: string): RecordedInput[] {
  if (text === '') return [];
  return text.split('.').map((token) => {
    const match = /^(\d+)(?:([afFr])(\d+)|q(\d+)x([A-Za-z0-9_-]*))$/.exec(token);
    if (!match) throw new Error(`cannot read the input “${token}”`);
    const step = Number(match[1]);
    const pick = <T>(list: readonly T[], i: string | undefined): T => {
      const item = list[Number(i)];
      if (item === undefined) throw new Error(`the input “${token}” names something this lab does not have`);
      return item;
    };
    if (match[2] === undefined) {
      return { step, input: { kind: 'sql', service: pick(lab.services, match[4]).name, sql: fromBase64Url(match[5] ?? '') } };
    }
    switch (match[2]) {
      case 'a':
        return { step, input: { kind: 'action', actionId: pick(lab.actions, match[3]).id } };
      case 'f':
      case 'F':
        return { step, input: { kind: 'fault', faultId: pick(lab.faults, match[3]).id, on: match[2] === 'f' } };
      default:
        return { step, input: { kind: 'restart', service: pick(lab.services, match[3]).name } };
    }
  });
}

/** The address's parameters for a lab's run: `lab`, `s` (seed), `k` (step) and `i` (inputs), others kept. */
export function scenarioParams(labId: string, lab: ScenarioLab, scenario: Scenario, current: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(current);
  params.set('lab', labId);
  params.set('s', String(scenario.seed));
  params.set('k', String(scenario.step));
  if (scenario.horizon !== undefined && scenario.horizon > scenario.step) params.set('h', String(scenario.horizon));
  else params.delete('h');
  const inputs = encodeInputs(lab, scenario.inputs);
  if (inputs === '') params.delete('i');
  else params.set('i', inputs);
  return params;
}

/** The run an address holds for this lab, if it holds one; an error says why a link cannot be replayed. */
export function scenarioFromParams(labId: string, lab: ScenarioLab, params: URLSearchParams): Scenario | Error | undefined {
  if (params.get('lab') !== labId) return undefined;
  const seed = Number(params.get('s'));
  const step = Number(params.get('k') ?? 0);
  if (!Number.isInteger(seed) || seed <= 0 || !Number.isInteger(step) || step < 0)
    return new Error('its seed or step is not a whole number');
  const horizon = Number(params.get('h') ?? step);
  try {
    return {
      seed,
      step,
      ...(Number.isInteger(horizon) && horizon > step ? { horizon } : {}),
      inputs: decodeInputs(lab, params.get('i') ?? ''),
    };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Where a lab's last run on this browser is kept, so that a reload or a later visit can resume it. */
export const runKey = (labId: string) => `data-in-services:lab-run:v1:${labId}`;

export interface SavedRun {
  readonly seed: number;
  readonly step: number;
  readonly horizon?: number;
  readonly inputs: string;
}

export function readSavedRun(lab: ScenarioLab, raw: string | null): Scenario | undefined {
  if (raw === null) return undefined;
  try {
    const saved = JSON.parse(raw) as Partial<SavedRun>;
    if (typeof saved.seed !== 'number' || typeof saved.step !== 'number' || typeof saved.inputs !== 'string') return undefined;
    const horizon = typeof saved.horizon === 'number' && saved.horizon > saved.step ? { horizon: saved.horizon } : {};
    const scenario = { seed: saved.seed, step: saved.step, ...horizon, inputs: decodeInputs(lab, saved.inputs) };
    // A run with nothing in it is not worth offering.
    return scenario.step > 0 || scenario.inputs.length > 0 ? scenario : undefined;
  } catch {
    return undefined;
  }
}

export function savedRun(lab: ScenarioLab, scenario: Scenario): string {
  const horizon = scenario.horizon !== undefined && scenario.horizon > scenario.step ? { horizon: scenario.horizon } : {};
  return JSON.stringify({
    seed: scenario.seed,
    step: scenario.step,
    ...horizon,
    inputs: encodeInputs(lab, scenario.inputs),
  } satisfies SavedRun);
}
