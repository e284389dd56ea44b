/**
 * `npm test` draws the same property runs every time, so that a red run is a change in the code, not a new
 * draw: fast-check starts from one fixed seed. The long mode draws fresh ones: set PROPERTY_RUNS_SCALE (which
 * also multiplies the runs) or PROPERTY_SEED=random, and a failure prints the seed and path to replay it.
 */
import fc from 'fast-check';

const wanted = process.env['PROPERTY_SEED'];
if (wanted !== 'random' && process.env['PROPERTY_RUNS_SCALE'] === undefined) {
  fc.configureGlobal({ seed: wanted === undefined ? 20261203 : Number(wanted) });
}
