/** One entry of the glossary. Chapters link a term's first use to `/reference/glossary/#<slug>`. */
export interface GlossaryTerm {
  /** The anchor: lower case, words joined by hyphens. */
  readonly slug: string;
  readonly term: string;
  /** One to three sentences in the site's own words. */
  readonly definition: string;
  /** Slugs of related entries. */
  readonly seeAlso?: readonly string[];
}
