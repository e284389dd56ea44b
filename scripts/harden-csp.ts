/** After `astro build`: every page's CSP allows exactly its own inline scripts, by hash (see scripts/csp.ts). */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hardenPage } from './csp.ts';

const dist = new URL('../dist/', import.meta.url).pathname;

function* pages(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* pages(path);
    else if (name.endsWith('.html')) yield path;
  }
}

let count = 0;
for (const page of pages(dist)) {
  writeFileSync(page, hardenPage(readFileSync(page, 'utf8')));
  count++;
}
console.log(`csp: script-src of ${count} pages allows their own inline scripts by hash, and no other`);
