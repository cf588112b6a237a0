// npm start (after .ci/setup.sh): builds what is missing or stale, then serves
// dist/ on 127.0.0.1 and prints the URL; runs until stopped (Ctrl+C).
//   - the WebAssembly core: `npm run build:wasm` the first time, then an
//     incremental `cmake --build --preset wasm` (a no-op when nothing changed);
//   - dist/index.html missing, or older than any notebook, builder file, widget
//     file, embed file (web/embed/), example page (web/examples/) or the core ->
//     the site build (web/site/build.mjs; executed notebooks
//     come from its hash cache when unchanged).
// PORT (default 8000) is the first port tried; when taken, the next free one.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { build, DEFAULTS } from './build.mjs';
import { ROOT } from './assets.mjs';
import { staticHandler } from './static.mjs';

const HOST = '127.0.0.1';
const TRIES = 20; // ports tried from PORT up

// The newest modification time (ms) of the files under `paths` (files or folders), 0 for none.
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory()) t = Math.max(t, newest(readdirSync(p).map((f) => path.join(p, f))));
    else t = Math.max(t, s.mtimeMs);
  }
  return t;
}

// The core: configured once (`npm run build:wasm`), then rebuilt incrementally on
// every start, so a changed C++ source never leaves dist/ with a stale module.
function buildWasm() {
  const configured = existsSync(path.join(ROOT, 'build/wasm/build.ninja'));
  if (!configured) console.log('posenc: building the WebAssembly core (npm run build:wasm; a few minutes the first time)');
  const run = configured
    ? spawnSync('cmake', ['--build', '--preset', 'wasm'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } })
    : spawnSync('npm', ['run', 'build:wasm'], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('building the WebAssembly core failed; see its output above');
}

async function buildSiteIfStale() {
  const index = path.join(DEFAULTS.out, 'index.html');
  const inputs = [DEFAULTS.notebooks, path.join(ROOT, 'web/site'), path.join(ROOT, 'web/widgets'), DEFAULTS.wasm,
    path.join(ROOT, 'web/embed'), DEFAULTS.examples];
  if (existsSync(index) && statSync(index).mtimeMs >= newest(inputs)) {
    console.log('posenc: dist/ is up to date');
    return;
  }
  console.log('posenc: building the site (npm run build:site)');
  const { pages, warnings } = await build();
  for (const w of warnings) console.warn(`build:site: warning: ${w}`);
  console.log(`posenc: ${pages.length} pages in dist/`);
}

// Listens on the first free port from `port` up; resolves to the port.
function listen(server, port, triesLeft) {
  return new Promise((resolve, reject) => {
    const onError = (e) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE' && triesLeft > 1 && port < 65535) resolve(listen(server, port + 1, triesLeft - 1));
      else reject(new Error(`cannot serve on ${HOST}:${port} (${e.code}); set PORT to a free port`));
    };
    const onListening = () => { server.off('error', onError); resolve(port); };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, HOST);
  });
}

try {
  const port = Number(process.env.PORT || 8000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT=${process.env.PORT}: must be an integer from 1 to 65535`);
  buildWasm();
  await buildSiteIfStale();
  const server = http.createServer(staticHandler(DEFAULTS.out));
  const used = await listen(server, port, TRIES);
  if (used !== port) console.log(`posenc: port ${port} is taken; using ${used}`);
  console.log(`posenc tutorial: http://${HOST}:${used}/  (Ctrl+C to stop)`);
} catch (e) {
  console.error(`posenc: ${e.message}`);
  process.exit(1);
}
