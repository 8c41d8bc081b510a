// shipped data
export {RATE_CARD_DIR, readShippedData} from "./read-shipped-data.ts";
