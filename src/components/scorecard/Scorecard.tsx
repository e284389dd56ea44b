import { useEffect, useId, useState } from 'preact/hooks';
import {
  FORCES,
  RATINGS,
  SCORECARD_KEY,
  TABLE_GROUPS,
  readScorecard,
  recommend,
  writeScorecard,
  type Force,
  type KeyValueStore,
  type Rating,
  type Ratings,
} from '../../lib/scorecard.ts';
import './scorecard.css';

/** localStorage when the browser allows it (a private window may refuse), else nothing is kept. */
function browserStore(): KeyValueStore | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

const KIND_TITLE = { disintegrator: 'Disintegrators: reasons to split', integrator: 'Integrators: reasons to keep together' } as const;

/** The disintegrator/integrator scorecard: the reader rates a table group; the logic lives in src/lib/scorecard.ts. */
export function Scorecard() {
  const id = useId();
  const [group, setGroup] = useState('');
  const [ratings, setRatings] = useState<Ratings>({});
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const saved = readScorecard(browserStore());
    setGroup(saved.group);
    setRatings(saved.ratings);
    setLoaded(true);
  }, []);

  useEffect(() => {
    if (loaded) writeScorecard(browserStore(), { v: 1, group, ratings });
  }, [loaded, group, ratings]);

  const result = recommend(ratings);
  const groupLabel = TABLE_GROUPS.find((g) => g.id === group)?.label;
  const rateForce = (force: Force, rating: Rating) => setRatings({ ...ratings, [force.id]: rating });

  return (
    <section class="scorecard not-content" aria-labelledby={`${id}-title`} data-scorecard data-status={loaded ? 'ready' : 'loading'}>
      <h3 id={`${id}-title`}>Scorecard: split these tables or keep them together?</h3>
      <label class="scorecard-group">
        Table group
        <select value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
          <option value="">Choose a table group…</option>
          {TABLE_GROUPS.map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </select>
      </label>
      {(['disintegrator', 'integrator'] as const).map((kind) => (
        <div key={kind} class="scorecard-kind">
          <h4>{KIND_TITLE[kind]}</h4>
          {FORCES.filter((f) => f.kind === kind).map((force) => (
            <fieldset key={force.id} class="scorecard-force" data-force={force.id}>
              <legend>{force.label}</legend>
              <p class="scorecard-question">{force.question}</p>
              <div class="scorecard-options">
                {RATINGS.map((r) => (
                  <label key={r.value}>
                    <input
                      type="radio"
                      name={`${id}-${force.id}`}
                      value={r.value}
                      checked={ratings[force.id] === r.value}
                      onChange={() => rateForce(force, r.value)}
                    />
                    {r.label}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </div>
      ))}
      <div class="scorecard-result" role="status" aria-live="polite" data-verdict={result.verdict}>
        <p class="scorecard-headline">
          {groupLabel ? <strong>{groupLabel}: </strong> : null}
          {result.headline}
        </p>
        {result.reasoning.map((sentence, i) => (
          <p key={i}>{sentence}</p>
        ))}
        {result.verdict !== 'incomplete' && result.drivers.length > 0 && (
          <>
            <p>The answers that drove it:</p>
            <ul>
              {result.drivers.map((d) => (
                <li key={d.force.id}>
                  <strong>
                    {d.force.label} ({d.rating === 'strong' ? 'strongly' : 'somewhat'}, {d.force.kind})
                  </strong>
                  : {d.force.because}.
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <button
        type="button"
        class="scorecard-clear"
        onClick={() => {
          setGroup('');
          setRatings({});
          browserStore()?.removeItem(SCORECARD_KEY);
        }}
      >
        Clear my answers
      </button>
    </section>
  );
}
