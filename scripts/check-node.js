// Plain JavaScript on purpose: it must run, and say what to do, on a Node too old for the rest of the scripts
// (Node 20 stops at `--experimental-strip-types` with "bad option" otherwise). npm runs it before dev, build,
// test and bench.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `This project needs Node.js 22.12 or newer, Node 24 recommended (see .nvmrc); this is Node ${process.versions.node}.\n` +
      'Switch with `nvm use` (or install Node 24 from nodejs.org), then run the command again.',
  );
  process.exit(1);
}
