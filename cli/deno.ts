// The `walab` command under Deno (`npx deno task walab <args>`): the same `main` as bin/walab.js,
// run by Deno directly, with no tsx. `deno task` starts in the project folder, so the command
// moves back to the folder it was called from (INIT_CWD) before relative paths are read.
import process from "node:process";
import {main} from "./main.ts";

const callerDir = process.env.INIT_CWD;
if (callerDir !== undefined && callerDir !== "") process.chdir(callerDir);
process.exitCode = await main(process.argv.slice(2));
