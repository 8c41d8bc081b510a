// micro-units (C-11)
export {formatMicros, MICROS_PER_UNIT, MoneyError, parseMicros} from "./micros.ts";
