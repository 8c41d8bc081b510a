// shipped data
export {RATE_CARD_DIR, readShippedData} from "./read-shipped-data.ts";
// streams and files
export {createAtomicOutput} from "./atomic-output.ts";
export type {AtomicOutput} from "./atomic-output.ts";
export {forEachLine} from "./read-lines.ts";
