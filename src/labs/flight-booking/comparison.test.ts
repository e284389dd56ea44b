/** The chapter's comparison table, checked against the lab's standard run (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { tableRows } from './comparison-table.ts';
import { flightBookingLab } from './lab.ts';
import { measureComparison } from './standard-run.ts';

const lab = flightBookingLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());

it('matches the committed comparison.generated.json', async () => {
  const measured = await measureComparison(lab, () => env.reset(), env.databases);
  await expectCommittedComparison(
    new URL('./comparison.generated.json', import.meta.url),
    measured,
    'src/labs/flight-booking/comparison.test.ts',
  );
}, 120_000);

it('shows what each boundary costs on the same rush', async () => {
  const { default: committed } = await import('./comparison.generated.json');
  const [big, small, bigReplan, smallReplan] = committed.rows;
  expect(big?.conflicts).toBeGreaterThan(0);
  expect(big?.failed).toBeGreaterThan(0);
  expect(small).toMatchObject({ conflicts: 0, failed: 0 });
  expect(small?.apologies).toBe(small?.bumped);
  expect(small?.bumped).toBeGreaterThan(0);
  expect(big?.bumped).toBe(0);
  // A re-plan makes the big aggregate fight harder and leaves the small model's bookings alone.
  expect(bigReplan?.conflicts).toBeGreaterThan(big?.conflicts ?? 0);
  expect(smallReplan?.conflicts).toBe(0);
  expect(smallReplan?.booked).toBe(small?.booked);
  expect(tableRows(committed)).toHaveLength(4);
});
