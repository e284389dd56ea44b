import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLE_FONTS, SAMPLE_TEXT } from './font-warmup.ts';

/** Starlight's text sizes, in px at the default 16 px root. */
const STARLIGHT = { xs: 13, sm: 14, base: 16 } as const;

/** Font sizes (px) and weights the workspace's own rules set; the presenter view is a mode of its own. */
function fontsOf(css: string) {
  const sizes = new Set<number>();
  const weights = new Set<number>();
  for (const rule of css.split('}')) {
    const [selector = '', body = ''] = rule.split('{');
    if (selector.includes('data-presenter') || selector.includes('presenter-bar')) continue;
    for (const [, value] of body.matchAll(/font-size:\s*([^;]+);/g)) {
      const px = /^(\d+)px$/.exec(value!.trim());
      const sl = /^var\(--sl-text-(xs|sm|base)\b/.exec(value!.trim());
      if (px) sizes.add(Number(px[1]));
      else if (sl) sizes.add(STARLIGHT[sl[1] as keyof typeof STARLIGHT]);
    }
    for (const [, value] of body.matchAll(/font-weight:\s*(\d+);/g)) weights.add(Number(value));
  }
  return { sizes, weights };
}

describe('the fonts looked up before Start', () => {
  it('cover every size and weight the workspace styles set', () => {
    const { sizes, weights } = fontsOf(readFileSync(new URL('./lab.css', import.meta.url), 'utf8'));
    const sans = SAMPLE_FONTS.filter((f) => !f.mono);
    for (const size of sizes) for (const weight of [400, ...weights]) expect(sans).toContainEqual({ mono: false, size, weight });
  });

  it('hold every symbol the map and the timeline draw', () => {
    for (const file of ['./ServiceMap.tsx', './Timeline.tsx', './timeline-layout.ts']) {
      const source = readFileSync(new URL(file, import.meta.url), 'utf8');
      const symbols = new Set(source.match(/[\u2000-\u2bff]/gu) ?? []);
      for (const symbol of symbols) expect(SAMPLE_TEXT, `${symbol} in ${file}`).toContain(symbol);
    }
  });
});
