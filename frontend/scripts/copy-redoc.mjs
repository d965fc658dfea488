// Copies ReDoc's standalone bundle from the pinned npm package (package.json, package-lock.json) into the build
// output, where Maven takes it into the jar with the dashboard: /redoc loads it from /redoc/redoc.standalone.js.
// Nothing of ReDoc is committed to the repository, and the API documentation needs no CDN.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const redoc = dirname(require.resolve('redoc/package.json'));
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'redoc');

mkdirSync(target, { recursive: true });
for (const [from, to] of [
  ['bundles/redoc.standalone.js', 'redoc.standalone.js'],
  ['bundles/redoc.standalone.js.LICENSE.txt', 'redoc.standalone.js.LICENSE.txt'],
  ['LICENSE', 'LICENSE.txt'],
]) {
  copyFileSync(join(redoc, from), join(target, to));
}
console.log(`ReDoc ${require('redoc/package.json').version} copied to ${target}`);
