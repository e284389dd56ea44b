/** The workload's shape, drawn once from the seed: which requests arrive alone and which overlap in pairs. */

/** Rounds of request numbers (1, 2, …): `[3]` alone, `[4, 5]` with 5 starting while 4 is still open. */
export function drawRounds(random: () => number, requests: number, overlapChance: number): number[][] {
  const rounds: number[][] = [];
  let next = 1;
  while (next <= requests) {
    const pair = next < requests && random() < overlapChance;
    rounds.push(pair ? [next, next + 1] : [next]);
    next += pair ? 2 : 1;
  }
  return rounds;
}

export const describeRounds = (rounds: readonly (readonly number[])[]) =>
  rounds.map((r) => (r.length === 2 ? `${r[0]}+${r[1]}` : String(r[0]))).join(' ');
