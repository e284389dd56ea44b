/**
 * A demo's run as the lab records it, and as an address: the chapter with `?lab=…&s=…&k=…&i=…` and the lab's
 * anchor, which offers to replay exactly that run. Encoding is scenario-link.ts's, so a demo link and a link a
 * reader copies from the lab are the same kind of thing.
 */
import { scenarioParams, type Scenario } from '../../components/lab/scenario-link.ts';
import { labAnchor } from '../../components/lab/workspace.ts';
import type { RecordedInput } from '../../labs/sim/simulation.ts';
import type { LabDefinition, ReaderInput } from '../../labs/sim/types.ts';
import type { Demo, DemoInput } from './types.ts';

type DemoLab = Pick<LabDefinition, 'actions' | 'faults' | 'services'>;

function readerInput(input: DemoInput): ReaderInput {
  if ('action' in input) return { kind: 'action', actionId: input.action };
  if ('fault' in input) return { kind: 'fault', faultId: input.fault, on: input.on ?? true };
  if ('restart' in input) return { kind: 'restart', service: input.restart };
  return { kind: 'sql', service: input.service, sql: input.sql };
}

export function demoInputs(demo: Demo): RecordedInput[] {
  return demo.script.map((input) => ({ step: input.at, input: readerInput(input) }));
}

export function demoScenario(demo: Demo): Scenario {
  return { seed: demo.seed, step: demo.step, inputs: demoInputs(demo) };
}

/** The page address that opens `demo` in its chapter's lab; throws when the script names what the lab lacks. */
export function demoLink(demo: Demo, lab: DemoLab): string {
  const params = scenarioParams(demo.lab, lab, demoScenario(demo), new URLSearchParams());
  return `${demo.chapter}?${params.toString()}#${labAnchor(demo.lab)}`;
}

/** Each input in words a trainer can read out, with the lab's own labels. */
export function describeInput(input: DemoInput, lab: Pick<LabDefinition, 'actions' | 'faults' | 'services'>): string {
  const label = (list: readonly { id?: string; name?: string; label: string }[], key: string) =>
    list.find((item) => (item.id ?? item.name) === key)?.label ?? key;
  const when = input.at === 0 ? 'At the start' : `After step ${input.at}`;
  if ('action' in input) return `${when}: press “${label(lab.actions, input.action)}”.`;
  if ('fault' in input) return `${when}: turn ${input.on === false ? 'off' : 'on'} “${label(lab.faults, input.fault)}”.`;
  if ('restart' in input) return `${when}: restart ${label(lab.services, input.restart)}.`;
  return `${when}: run ${input.what ?? 'SQL'} on ${label(lab.services, input.service)}.`;
}
