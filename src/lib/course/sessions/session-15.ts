import type { SessionPlan } from '../types.ts';

const CHAPTER = '/analytics/warehouse-layers/';

export const session15: SessionPlan = {
  number: 15,
  title: 'Warehouse layers',
  minutes: 70,
  chapters: [{ title: 'Warehouse layers: medallion and a star schema', path: CHAPTER }],
  goal: 'Learners follow change events from bronze (raw, duplicated, late) through silver (deduplicated, tested) to a gold star schema built by models run in dependency order; they measure “tickets by plan” with a type 1 and a type 2 customer dimension against the operational truth after a mid-month plan change, and see what a model run out of order does.',
  predict:
    'A customer opens four tickets on basic, moves to premium on the 15th, and opens two more. The dashboard shows tickets by plan for the month. What does it say for that customer if the customer table only keeps the current plan?',
  agenda: [
    {
      minutes: '0–8',
      phase: 'Frame',
      trainer:
        'Recall chapter 1: one table of daily counts. Today: a warehouse with layers. Draw bronze, silver, gold on the board and the star: fct_tickets in the middle, dim_date and dim_customer around it. Ask the predict question.',
      learners:
        'Write down the counts by plan for the customer in the question, once “as the customer is now” and once “as the customer was”.',
    },
    {
      minutes: '8–18',
      phase: 'Run',
      trainer:
        'Open the plan-change demo at run 2’s report. Read the note: type 2 equals the ticket service, type 1 is off. Run the chapter’s query that lists tickets whose plan then differs from the plan now.',
      learners: 'Count the listed tickets and check that they explain type 1’s error exactly.',
      demo: 's15-type1-rewrites',
    },
    {
      minutes: '18–30',
      phase: 'Inject a fault',
      trainer:
        'Open the dirty-pipe demo at run 3. Walk the layers: bronze has every event twice; the run notes say how many duplicates silver removed and how many rows the tests rejected; run 2’s note shows type 2 off while the late plan change was on its way.',
      learners: 'Query `silver.rejected` and name the rule each rejected row broke. Find the bad ticket that got through.',
      demo: 's15-dirty-pipe',
    },
    {
      minutes: '30–40',
      phase: 'Inject a fault',
      trainer:
        'Open the out-of-order demo at the last run. Every model succeeded; gold is one run behind silver. Show `meta.runs.run_order` and the broken invariant.',
      learners: 'Say which model must run before which, and where in a real stack (Airflow, dbt) that order is declared.',
      demo: 's15-out-of-order',
    },
    {
      minutes: '40–55',
      phase: 'Practise',
      trainer: 'Pairs do `write-silver-dedup`, then `write-quality-test`. Faster pairs start `write-scd2-merge`.',
      learners: 'Write the query, press Check; read the message from the hidden run when it fails.',
    },
    {
      minutes: '55–63',
      phase: 'Run',
      trainer:
        'In the live lab, press Compare row and column layouts. Point at the pages read by the same count on the wide table and on the plan column, and at the size of all the column tables together.',
      learners: 'Explain why the column tables together are bigger, and what a columnar engine does instead.',
    },
    {
      minutes: '63–70',
      phase: 'Discuss',
      trainer:
        'The questions below, with the chapter’s Measured tables on screen. `write-scd2-merge` and `type2-equals-truth` as homework.',
      learners: 'Pick one report of their own that needs type 2, and one where type 1 is what the business means.',
    },
  ],
  demos: [
    {
      id: 's15-type1-rewrites',
      title: 'A plan changes mid-month: type 1 rewrites history, type 2 keeps it',
      chapter: CHAPTER,
      lab: 'warehouse-layers',
      seed: 15,
      script: [{ at: 0, action: 'run-month' }],
      step: 151,
      pointAt: [
        'Step 74: customer 3 moves to basic; step 108: customer 5 moves to premium. Billing records both in plan_changes.',
        'Step 149: run 2 rebuilds silver and gold in dependency order.',
        'Step 151: the report. Type 2 equals the ticket service; type 1 puts every ticket the two customers opened before their change under their new plan.',
      ],
    },
    {
      id: 's15-dirty-pipe',
      title: 'Duplicates, late events and bad records through the layers',
      chapter: CHAPTER,
      lab: 'warehouse-layers',
      seed: 15,
      script: [
        { at: 0, fault: 'duplicate-delivery' },
        { at: 0, fault: 'late-events' },
        { at: 0, fault: 'bad-records' },
        { at: 0, action: 'run-month' },
      ],
      step: 220,
      pointAt: [
        'Step 98, run 1: no plan change has reached the warehouse yet, so type 1 and type 2 agree, and both miss the tickets the connector holds.',
        'Step 210, run 2: type 1 and type 2 now differ (the plan changes have landed), but type 2 is off too: tickets held during the last three days are still on their way.',
        'Step 217–220, run 3: every duplicate removed, four bad tickets rejected by the tests, type 2 equal to the truth, type 1 still off.',
      ],
    },
    {
      id: 's15-out-of-order',
      title: 'Models run by name: every model succeeds, gold is stale',
      chapter: CHAPTER,
      lab: 'warehouse-layers',
      seed: 15,
      script: [
        { at: 0, fault: 'late-events' },
        { at: 0, fault: 'models-out-of-order' },
        { at: 0, action: 'run-month' },
      ],
      step: 162,
      pointAt: [
        'Step 76: run 1 reports zero tickets on both plans: gold ran before silver had anything.',
        'Step 160: run 3 runs gold.* before silver.*, as a listing of files by name would.',
        'Step 162: type 2 is still off after the late events landed; facts-match-silver is broken.',
      ],
    },
  ],
  exercises: [
    { lab: 'warehouse-layers', id: 'type2-equals-truth', chapter: CHAPTER },
    {
      lab: 'warehouse-layers',
      id: 'write-silver-dedup',
      chapter: CHAPTER,
      note: 'Checked on two hidden months with every batch delivered twice.',
    },
    {
      lab: 'warehouse-layers',
      id: 'write-quality-test',
      chapter: CHAPTER,
      note: 'The dirty-pipe demo is the state in which to find the bad ticket that got through.',
    },
    {
      lab: 'warehouse-layers',
      id: 'write-scd2-merge',
      chapter: CHAPTER,
      note: 'The hardest: checked on hidden change streams where an older version arrives after a newer one.',
    },
  ],
  discussion: [
    {
      question:
        'Once both customers had changed plan, type 1 was off by the same tickets at every later run. Why does no later run fix it?',
      answer:
        'Type 1 keeps one row per customer and overwrites it; after the change, the old plan exists nowhere in gold. Every rebuild reproduces the same answer from the same dimension. Only keeping versions (type 2) or joining the plan stamped on the fact at the time can give the old answer back.',
    },
    {
      question: 'The models rebuild every table at each run. What did that buy with late events, and what would it cost at scale?',
      answer:
        'A late event lands in bronze and is placed in its right day and version at the next run, with no special code for lateness. At scale a full rebuild costs a scan of all history each time; real pipelines use incremental models (MERGE on a key, rebuild only recent partitions) and then need exactly the care the SCD2 merge exercise asks for.',
    },
    {
      question: 'Why set bad rows aside in silver.rejected instead of failing the whole run?',
      answer:
        'A failed run leaves every report stale for a handful of bad rows; silently dropping them hides the problem. Quarantine keeps the reports moving and makes the bad rows countable and visible to the team that owns the source. dbt offers both: a test with severity error stops the build, warn lets it go on.',
    },
    {
      question: 'The out-of-order run had no failing model. How would you notice in production?',
      answer:
        'By invariants between layers, as the lab checks: fact rows equal silver rows, every fact joins a dimension version. dbt sorts by ref(), so the danger is a scheduler running several dbt projects or SQL files in a hand-written order. Freshness checks on gold (the newest fact against the newest bronze event) catch it too.',
    },
    {
      question:
        'The column tables read a tenth of the pages but take more space than the wide table. What does a real columnar engine do differently?',
      answer:
        'Postgres stores each narrow row with a 24-byte header and the repeated ticket id. A columnar format stores a column as one compressed array with no per-row header, often a few bits per value for a column like plan, with block statistics to skip data; so it reads fewer bytes and stores fewer too. The cost is that changing one row rewrites a block.',
    },
  ],
};
