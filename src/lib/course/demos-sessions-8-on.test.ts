/**
 * The demos of session 8 onwards replayed on the labs' real databases: each reaches its step with the recorded
 * trace hash (demo-hashes.generated.json). The demos are split over three files so that they run side by side.
 */
import { expect, it } from 'vitest';
import type { LabDefinition } from '../../labs/sim/types.ts';
import { expectRecordedDemos, replayDemos } from './demo-replay.ts';
import { allDemos, SESSIONS } from './sessions.ts';

const modules = import.meta.glob<{ default: LabDefinition }>('../../labs/*/lab.ts', { eager: true });
const labs = new Map(Object.values(modules).map((m) => [m.default.id, m.default]));

it('sessions 8 onwards: each demo reaches its step and trace hash', async () => {
  const demos = allDemos(SESSIONS.filter((s) => s.number >= 8));
  expect(demos.length).toBeGreaterThan(0);
  // The event-sourcing projector writes the engine time of every batch it applies into the trace, so a demo in
  // which it applies one would hash differently on every machine. Session 9's demos keep “Projector crashes”
  // on: the account service goes on appending, no batch is applied, and the trace is the same everywhere.
  await expectRecordedDemos(await replayDemos(demos, labs), 'src/lib/course/demos-sessions-8-on.test.ts');
}, 120_000);
