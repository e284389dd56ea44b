import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hardenPage, inlineScriptHashes } from '../../scripts/csp.ts';

const hash = (body: string) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
const page = (scripts: string) =>
  `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'"/>${scripts}</head><body></body></html>`;

describe('content security policy for built pages', () => {
  it('replaces unsafe-inline in script-src with the hash of each inline script, keeping styles as they were', () => {
    const html = hardenPage(
      page('<script>one()</script><script type="module">two()</script><script src="/x.js"></script><script>one()</script>'),
    );
    const policy = /content="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(policy).toContain(`script-src 'self' 'wasm-unsafe-eval' ${[hash('one()'), hash('two()')].sort().join(' ')};`);
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy.match(/unsafe-inline/g)).toHaveLength(1);
    expect(hardenPage(html)).toBe(html);
  });

  it('ignores external and empty scripts, and refuses a page without a policy', () => {
    expect(inlineScriptHashes('<script src="/a.js"></script><script>  </script>')).toEqual([]);
    expect(() => hardenPage('<html><script>x()</script></html>')).toThrow('no Content-Security-Policy');
  });
});
