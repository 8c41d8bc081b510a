#!/usr/bin/env node
// Runs a TypeScript file as `node --import tsx/esm FILE ARGS` would, from its cached bundle (see
// bundle-cache.js): `node bin/run-typescript.js server/node.ts` (npm start). process.argv is
// FILE's own ([node, FILE, ARGS]), so a module that checks whether it is the main one still can.
import {resolve} from "node:path";
import {importTypeScript} from "./bundle-cache.js";

const file = process.argv[2];
if (file === undefined) {
  console.error("usage: node bin/run-typescript.js FILE.ts [ARGS]");
  process.exit(2);
}
process.argv.splice(1, 2, resolve(file));
await importTypeScript(process.argv[1]);
