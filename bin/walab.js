#!/usr/bin/env node
// The `walab` command: runs cli/main.ts from its cached bundle (see bundle-cache.js), or through
// tsx when no cache folder can be used.
import {importTypeScript} from "./bundle-cache.js";

const {main} = await importTypeScript(new URL("../cli/main.ts", import.meta.url));
process.exitCode = await main(process.argv.slice(2));
