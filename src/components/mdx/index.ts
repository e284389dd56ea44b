/** What chapters import. Internal lab components live in ../lab and are not for MDX. */
export { default as Lab } from './Lab.astro';
export { default as Exercise } from './Exercise.astro';
export { default as Hint } from './Hint.astro';
export { default as Solution } from './Solution.astro';
export { default as SqlConsole } from './SqlConsole.astro';
export { default as DomainMap } from './DomainMap.astro';
export { default as MeasuredTable } from './MeasuredTable.astro';
