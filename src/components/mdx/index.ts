/**
 * What chapters import. Internal lab components live in ../lab and are not for MDX. Interactive islands that are
 * not labs (the scorecard, the decision guide) are imported from their own files, because Astro hydrates an island
 * from the module a chapter imported it from, and this barrel also holds .astro components.
 */
export { default as Lab } from './Lab.astro';
export { default as Exercise } from './Exercise.astro';
export { default as Hint } from './Hint.astro';
export { default as Solution } from './Solution.astro';
export { default as SqlConsole } from './SqlConsole.astro';
export { default as DomainMap } from './DomainMap.astro';
export { default as MeasuredTable } from './MeasuredTable.astro';
export { default as OwnershipDiagram } from '../decision-guide/OwnershipDiagram.astro';
export { default as SequenceDiagram } from '../sequence/SequenceDiagram.astro';
export { default as SequencePair } from '../sequence/SequencePair.astro';
