// the accounts file (formats.md §1)
export {accountsFileSchema, DEFAULT_ACCOUNTS, parseAccounts, zodProblems} from "./accounts-file.ts";
export type {AccountsFile} from "./accounts-file.ts";
// compiled indices
export {addPhone, compileAccounts} from "./compiled-accounts.ts";
export type {
  CompiledAccounts,
  CompiledBusiness,
  CompiledPhone,
  CompiledWaba,
} from "./compiled-accounts.ts";
