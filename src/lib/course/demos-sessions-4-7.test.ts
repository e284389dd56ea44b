/**
 * The demos of session 4 onwards, replayed on the labs' real databases: each reaches its step with the recorded trace
 * hash (demo-hashes.generated.json). The demos are split over two files so that both halves run at once.
 */
import { expect, it } from 'vitest';
import type { LabDefinition } from '../../labs/sim/types.ts';
import { expectRecordedDemos, replayDemos } from './demo-replay.ts';
import { allDemos, SESSIONS } from './sessions.ts';

const modules = import.meta.glob<{ default: LabDefinition }>('../../labs/*/lab.ts', { eager: true });
const labs = new Map(Object.values(modules).map((m) => [m.default.id, m.default]));

it('sessions 4 onwards: each demo reaches its step and trace hash', async () => {
  const demos = allDemos(SESSIONS.filter((s) => s.number > 3));
  expect(demos.length).toBeGreaterThan(0);
  await expectRecordedDemos(await replayDemos(demos, labs), 'src/lib/course/demos-sessions-4-on.test.ts');
}, 120_000);
