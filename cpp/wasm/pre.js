// Runs inside the Emscripten factory, before its environment detection (--pre-js).
// Emscripten's Node branch sets scriptDirectory from __dirname, which an ES-module
// bundle (esbuild --platform=node --format=esm) does not define. The wasm binary is
// inlined (SINGLE_FILE), so the directory is never read: a local stand-in is enough,
// and it creates no global in a browser page.
var __dirname = '/'
