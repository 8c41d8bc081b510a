// `walab bill` through `main(args, io)` in-process with fake streams, and through a real child
// process for exit codes (formats.md §4). Bad input exits 2, names file:line#field and what was
// expected, and leaves no output file and no temporary file behind.
import {spawnSync} from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {afterAll, describe, expect, it} from "vitest";
import {main} from "../../cli/main.ts";
import {runInProcess} from "../support/run-in-process.ts";
import {compareWithExpected, readWorkedExamples} from "../support/worked-examples.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORK = mkdtempSync(join(tmpdir(), "walab-bill-cli-"));
afterAll(() => rmSync(WORK, {recursive: true, force: true}));

let folders = 0;
/** A fresh folder under the test's temporary directory holding the given files; returns paths. */
function folder(files: Record<string, string>): {dir: string; path: (name: string) => string} {
  const dir = join(WORK, `case-${++folders}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return {dir, path: (name) => join(dir, name)};
}

/** Runs `walab ...args` in-process; stdin carries `stdinText`. */
const walab = (args: string[], stdinText = "") => runInProcess(main, args, stdinText);

const lines = (text: string) =>
  text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** What is left in a folder besides the inputs. */
const leftovers = (dir: string, inputs: string[]) =>
  readdirSync(dir).filter((name) => !inputs.includes(name));

// formats.md §1 and §2: the small complete examples; §3: the records they bill to.
const LOJA_ACCOUNTS = `{"businesses":[{"id":"loja","country":"BR","wabas":[{"id":"loja-br","timezone":"America/Sao_Paulo","currency":"USD","phones":["+551130004000"]}]}]}`;
const LOJA_MESSAGES = [
  `{"id":"m1","time":"2024-03-04T10:00:00-03:00","user":"+5521998765432","direction":"inbound","type":"text","entryPoint":"ctwa_ad","device":"mobile"}`,
  `{"id":"m2","time":"2024-03-04T19:00:00-03:00","waba":"loja-br","phone":"+551130004000","user":"+5521998765432","direction":"outbound","type":"template","category":"marketing"}`,
  `{"id":"m3","time":"2024-03-05T09:00:00-03:00","user":"+5511987654321","direction":"outbound","type":"template","category":"utility","status":"failed"}`,
  `{"id":"m4","time":"2024-03-05T09:05:00-03:00","user":"+5511987654321","direction":"outbound","type":"template","category":"utility"}`,
].join("\n");
const LOJA_RECORDS = [
  {
    unit: "conversation",
    id: "c1",
    messageId: "m2",
    waba: "loja-br",
    phone: "+551130004000",
    user: "+5521998765432",
    market: "Brazil",
    pricingModel: "cbp-2023-06",
    rateCard: "2023-06-01",
    category: "referral_conversion",
    type: "free_entry_point",
    billable: false,
    time: "2024-03-04T22:00:00Z",
    expiresAt: "2024-03-07T22:00:00Z",
    amount: "0",
    currency: "USD",
  },
  {
    unit: "conversation",
    id: "c2",
    messageId: "m4",
    waba: "loja-br",
    phone: "+551130004000",
    user: "+5511987654321",
    market: "Brazil",
    pricingModel: "cbp-2023-06",
    rateCard: "2023-06-01",
    category: "utility",
    type: "regular",
    billable: true,
    time: "2024-03-05T12:05:00Z",
    expiresAt: "2024-03-06T12:05:00Z",
    amount: "0.035",
    currency: "USD",
  },
];

describe("walab bill: help and success (formats.md §4)", () => {
  it("main(['bill', '--help']) prints the usage and exits 0", async () => {
    const {code, stdout, stderr} = await walab(["bill", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: walab bill --messages FILE|-");
    for (const option of [
      "--accounts",
      "--pricing",
      "--rates",
      "--sort",
      "--service-free-per-phone",
      "--summary",
      "--out",
    ])
      expect(stdout).toContain(option);
    expect(stderr).toBe("");
  });

  it("main(['--help']) lists the bill command and exits 0; an unknown command exits 2", async () => {
    const help = await walab(["--help"]);
    expect([help.code, help.stdout.includes("bill")]).toEqual([0, true]);
    const unknown = await walab(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });

  it("main(['bill', ...]) bills the formats.md example to stdout as its §3 records", async () => {
    const f = folder({"accounts.json": LOJA_ACCOUNTS, "messages.ndjson": LOJA_MESSAGES});
    const {code, stdout, stderr} = await walab([
      "bill",
      "--accounts",
      f.path("accounts.json"),
      "--messages",
      f.path("messages.ndjson"),
      "--pricing",
      "auto",
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(lines(stdout)).toEqual(LOJA_RECORDS);
    expect(stdout.endsWith("\n")).toBe(true);
  });

  it("main(['bill', '--messages', '-']) reads the log from stdin", async () => {
    const f = folder({"accounts.json": LOJA_ACCOUNTS});
    const {code, stdout} = await walab(
      ["bill", "--accounts", f.path("accounts.json"), "--messages", "-"],
      LOJA_MESSAGES + "\n",
    );
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(LOJA_RECORDS);
  });

  it("main(['bill', ...]) bills the shipped worked example meta-pmp-charge-example to its expected.ndjson", async () => {
    const example = readWorkedExamples().find((e) => e.id === "meta-pmp-charge-example")!;
    const {code, stdout} = await walab([
      "bill",
      "--accounts",
      example.dir + "accounts.yaml",
      "--messages",
      example.dir + "messages.ndjson",
      "--pricing",
      example.pricing,
    ]);
    expect(code).toBe(0);
    expect(compareWithExpected(lines(stdout), example.expected)).toEqual([]);
  });

  it("main(['bill', '--summary', ...]) writes one JSON object of totals", async () => {
    const f = folder({"accounts.json": LOJA_ACCOUNTS, "messages.ndjson": LOJA_MESSAGES});
    const {code, stdout} = await walab([
      "bill",
      "--accounts",
      f.path("accounts.json"),
      "--messages",
      f.path("messages.ndjson"),
      "--summary",
    ]);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split("\n")).toHaveLength(1);
    const summary = JSON.parse(stdout) as {
      currency: string;
      amount: string;
      rows: Record<string, unknown>[];
    };
    expect([summary.currency, summary.amount]).toEqual(["USD", "0.035"]);
    expect(summary.rows).toContainEqual(
      expect.objectContaining({
        market: "Brazil",
        category: "utility",
        conversations: 1,
        billable: 1,
        amount: "0.035",
      }),
    );
    expect(summary.rows).toContainEqual(
      expect.objectContaining({
        market: "Brazil",
        category: "referral_conversion",
        conversations: 1,
        billable: 0,
        amount: "0",
      }),
    );
  });

  it("main(['bill', '--out', FILE, ...]) writes the records to FILE, nothing to stdout, and no temporary file", async () => {
    const f = folder({"accounts.json": LOJA_ACCOUNTS, "messages.ndjson": LOJA_MESSAGES});
    const {code, stdout} = await walab([
      "bill",
      "--accounts",
      f.path("accounts.json"),
      "--messages",
      f.path("messages.ndjson"),
      "--out",
      f.path("charges.ndjson"),
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(lines(readFileSync(f.path("charges.ndjson"), "utf8"))).toEqual(LOJA_RECORDS);
    expect(leftovers(f.dir, ["accounts.json", "messages.ndjson"])).toEqual(["charges.ndjson"]);
  });

  it.each([
    [[], "free_tier", "0"],
    [["--service-free-per-phone", "0"], "regular", "0.0068"],
  ])(
    "main(['bill', ...%j]) bills a pmp-2026-10 service message as %s (PMP26-4; Brazil utility 0.0068)",
    async (options, type, amount) => {
      const f = folder({
        "messages.ndjson": `{"time":"2026-10-05T10:00:00Z","user":"+5511976543210","direction":"inbound","type":"text"}\n{"time":"2026-10-05T10:01:00Z","user":"+5511976543210","direction":"outbound","type":"text"}\n`,
      });
      const {code, stdout} = await walab([
        "bill",
        "--messages",
        f.path("messages.ndjson"),
        ...(options as string[]),
      ]);
      expect(code).toBe(0);
      expect(lines(stdout)).toMatchObject([
        {pricingModel: "pmp-2026-10", category: "service", type, amount},
      ]);
    },
  );

  it("main(['bill', '--rates', '2026-10-01', ...]) bills Hong Kong in July 2026 from the forced edition", async () => {
    const f = folder({
      "messages.ndjson": `{"time":"2026-07-15T10:00:00Z","user":"+85291234567","direction":"outbound","type":"template","category":"marketing"}\n`,
    });
    const {code, stdout} = await walab([
      "bill",
      "--messages",
      f.path("messages.ndjson"),
      "--rates",
      "2026-10-01",
    ]);
    expect(code).toBe(0);
    expect(lines(stdout)).toMatchObject([
      {market: "Hong Kong", rateCard: "2026-10-01", amount: "0.0732"},
    ]);
  });

  it("main(['bill', '--sort', ...]) bills a log whose lines are out of time order", async () => {
    const [a, b, c, d] = LOJA_MESSAGES.split("\n");
    const f = folder({"accounts.json": LOJA_ACCOUNTS, "messages.ndjson": [d, b, c, a].join("\n")});
    const {code, stdout} = await walab([
      "bill",
      "--accounts",
      f.path("accounts.json"),
      "--messages",
      f.path("messages.ndjson"),
      "--sort",
    ]);
    expect(code).toBe(0);
    expect(lines(stdout).map((r) => [r.messageId, r.category, r.amount])).toEqual([
      ["m2", "referral_conversion", "0"],
      ["m4", "utility", "0.035"],
    ]);
  });
});

// A valid outbound line; `more` overrides or adds fields (undefined removes one).
const line = (more: Record<string, unknown> = {}) => {
  const base: Record<string, unknown> = {
    time: "2026-04-06T10:00:00Z",
    user: "+5511976543210",
    direction: "outbound",
    type: "template",
    category: "marketing",
    ...more,
  };
  for (const key of Object.keys(base)) if (base[key] === undefined) delete base[key];
  return JSON.stringify(base);
};
const TWO_WABAS = `{"businesses":[{"id":"b","wabas":[{"id":"w1"},{"id":"w2"}]}]}`;
const TWO_PHONES = `{"businesses":[{"id":"b","wabas":[{"id":"w","phones":["+551130000001","+551130000002"]}]}]}`;

describe("walab bill: bad input in the log exits 2, names file:line#field, writes nothing", () => {
  it.each([
    [
      "an invalid JSON line",
      [line(), `{"time":"2026-04-06T11:00:00Z",`],
      undefined,
      ":2",
      ["invalid JSON", "(expected one JSON object per line)"],
    ],
    [
      "a comma before the closing brace (a line the fast path reads)",
      [line(), line({time: "2026-04-06T11:00:00Z"}).replace(/}$/, ",}")],
      LOJA_ACCOUNTS,
      ":2",
      ["invalid JSON", "(expected one JSON object per line)"],
    ],
    [
      "an unknown field",
      [line({price: 1})],
      undefined,
      ":1#price",
      ["unknown field", "(expected id, time, waba"],
    ],
    [
      "an unknown category value",
      [line({category: "promotional"})],
      undefined,
      ":1#category",
      ["unknown value", '"promotional"', "(expected marketing, utility, authentication)"],
    ],
    [
      "a template without category",
      [line({category: undefined})],
      undefined,
      ":1#category",
      ["(expected marketing, utility, authentication)"],
    ],
    [
      "a category on a non-template",
      [line({type: "text"})],
      undefined,
      ":1#category",
      ["category on a non-template", "(expected no category unless type is template)"],
    ],
    [
      "a time earlier than the previous line's",
      [line(), line({time: "2026-04-06T09:59:59Z"})],
      undefined,
      ":2#time",
      ["earlier than the previous line", "--sort"],
    ],
    [
      "an unknown WABA",
      [line({waba: "nope"})],
      TWO_WABAS,
      ":1#waba",
      ['"nope"', "(expected w1, w2)"],
    ],
    ["a missing waba with two WABAs", [line()], TWO_WABAS, ":1#waba", ["missing WABA", "w1, w2"]],
    [
      "a missing phone with a WABA of two phones (R-18)",
      [line()],
      TWO_PHONES,
      ":1#phone",
      ["missing business phone", "+551130000001", "+551130000002", "R-18"],
    ],
    [
      "a user not in E.164",
      [line({user: "5511976543210"})],
      undefined,
      ":1#user",
      ["invalid user", '"5511976543210"', "E.164"],
    ],
    ["a missing user", [line({user: undefined})], undefined, ":1#user", ["missing user", "E.164"]],
    [
      "an invalid time",
      [line({time: "2026-04-06 10:00"})],
      undefined,
      ":1#time",
      ["invalid time", "ISO 8601"],
    ],
    [
      "an unknown direction",
      [line({direction: "sideways"})],
      undefined,
      ":1#direction",
      ["(expected inbound, outbound)"],
    ],
  ])("main(['bill', ...]) rejects %s", async (_, logLines, accountsText, where, says) => {
    const files: Record<string, string> = {
      "messages.ndjson": (logLines as string[]).join("\n") + "\n",
    };
    if (accountsText !== undefined) files["accounts.json"] = accountsText as string;
    const f = folder(files);
    const args = ["bill", "--messages", f.path("messages.ndjson"), "--out", f.path("out.ndjson")];
    if (accountsText !== undefined) args.push("--accounts", f.path("accounts.json"));
    const {code, stdout, stderr} = await walab(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(f.path("messages.ndjson") + where + ":");
    for (const text of says as string[]) expect(stderr).toContain(text);
    expect(leftovers(f.dir, Object.keys(files))).toEqual([]);
  });

  it("main(['bill', ...]) rejects a market missing from the edition in force, naming the market and the edition (C-10)", async () => {
    const f = folder({
      "messages.ndjson": [line(), line({time: "2026-07-15T10:00:00Z", user: "+85291234567"})].join(
        "\n",
      ),
    });
    const {code, stdout, stderr} = await walab([
      "bill",
      "--messages",
      f.path("messages.ndjson"),
      "--out",
      f.path("out.ndjson"),
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("Hong Kong");
    expect(stderr).toContain("2026-04-01");
    expect(leftovers(f.dir, ["messages.ndjson"])).toEqual([]);
  });

  it("main(['bill', ...]) writes nothing to stdout when the log fails after valid lines", async () => {
    const f = folder({
      "messages.ndjson": [line(), line({time: "2026-04-06T11:00:00Z"}), "not json"].join("\n"),
    });
    const {code, stdout, stderr} = await walab(["bill", "--messages", f.path("messages.ndjson")]);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toContain(f.path("messages.ndjson") + ":3:");
  });
});

describe("walab bill: bad accounts and options exit 2 and write nothing", () => {
  const MESSAGES = line() + "\n";

  it("main(['bill', ...]) rejects an accounts YAML with an unknown timezone at accounts.yaml#/businesses/0/wabas/0/timezone", async () => {
    const yaml = [
      "businesses:",
      "  - id: acme",
      "    country: DE",
      "    wabas:",
      "      - id: acme-main",
      "        timezone: Europe/Berlinn",
      "",
    ].join("\n");
    const f = folder({"accounts.yaml": yaml, "messages.ndjson": MESSAGES});
    const {code, stdout, stderr} = await walab([
      "bill",
      "--accounts",
      f.path("accounts.yaml"),
      "--messages",
      f.path("messages.ndjson"),
      "--out",
      f.path("out.ndjson"),
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(f.path("accounts.yaml") + "#/businesses/0/wabas/0/timezone");
    expect(stderr).toContain("timezone");
    expect(leftovers(f.dir, ["accounts.yaml", "messages.ndjson"])).toEqual([]);
  });

  it("main(['bill', ...]) reads a valid accounts YAML with an unquoted authInternational timestamp", async () => {
    const yaml = [
      "businesses:",
      "  - id: acme",
      "    country: BR",
      "    authInternational:",
      "      IN: 2026-04-01T00:00:00Z",
      "    wabas:",
      "      - id: acme-main",
      "",
    ].join("\n");
    const f = folder({
      "accounts.yaml": yaml,
      "messages.ndjson": line({user: "+919812345678", category: "authentication"}) + "\n",
    });
    const {code, stdout} = await walab([
      "bill",
      "--accounts",
      f.path("accounts.yaml"),
      "--messages",
      f.path("messages.ndjson"),
    ]);
    expect(code).toBe(0);
    expect(lines(stdout)).toMatchObject([
      {category: "authentication_international", amount: "0.0304"},
    ]);
  });

  it.each([
    [
      "an unknown --pricing",
      ["--pricing", "pmp-2099-01"],
      [
        "--pricing",
        '"pmp-2099-01"',
        "cbp-2022-02, cbp-2023-06, cbp-2024-11, pmp-2025-07, pmp-2026-10",
      ],
    ],
    [
      "an unknown --rates date",
      ["--rates", "2025-07-01"],
      ["--rates", '"2025-07-01"', "2022-02-01, 2023-06-01, 2024-11-01, 2026-04-01, 2026-10-01"],
    ],
    [
      "a bad --service-free-per-phone",
      ["--service-free-per-phone", "-1"],
      ["--service-free-per-phone"],
    ],
    ["an unknown option", ["--colour"], ["--colour"]],
  ])("main(['bill', ...]) rejects %s", async (_, options, says) => {
    const f = folder({"messages.ndjson": MESSAGES});
    const {code, stdout, stderr} = await walab([
      "bill",
      "--messages",
      f.path("messages.ndjson"),
      "--out",
      f.path("out.ndjson"),
      ...(options as string[]),
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    for (const text of says as string[]) expect(stderr).toContain(text);
    expect(leftovers(f.dir, ["messages.ndjson"])).toEqual([]);
  });

  it("main(['bill', '--threads', '2', ...]) writes the same bytes and warnings as --threads 1", async () => {
    // 6,000 lines over two WABAs, 60 users in four markets, every model's month from 2023 to 2026
    const accounts = `businesses:
  - id: shop
    country: BR
    wabas:
      - {id: shop-br, timezone: America/Sao_Paulo}
      - {id: shop-de, timezone: Europe/Berlin, phones: ["+4930100000"]}
`;
    const prefixes = ["+5511", "+4930", "+9199", "+62812"];
    const log: string[] = [];
    let t = Date.UTC(2023, 4, 20);
    for (let k = 0; k < 6000; k++) {
      t += 5 * 3_600_000 + (k % 7) * 60_000;
      const user = `${prefixes[k % 4]}${String(5550000 + (k % 60))}`;
      const waba = k % 3 === 0 ? "shop-de" : "shop-br";
      const phone = waba === "shop-br" ? `,"phone":"+55113000${4000 + (k % 2)}"` : "";
      const head = `{"id":"m${k}","time":"${new Date(t).toISOString()}","waba":"${waba}"${phone},"user":"${user}"`;
      log.push(
        k % 4 === 0
          ? `${head},"direction":"inbound","type":"text"${k % 5 === 0 ? ',"entryPoint":"ctwa_ad","device":"mobile"' : ""}}`
          : `${head},"direction":"outbound","type":"${k % 9 === 0 ? "text" : "template"}"${k % 9 === 0 ? "" : `,"category":"${["marketing", "utility", "authentication"][k % 3]}"`}}`,
      );
    }
    const {path} = folder({"accounts.yaml": accounts, "messages.ndjson": log.join("\n") + "\n"});
    const args = [
      "bill",
      "--accounts",
      path("accounts.yaml"),
      "--messages",
      path("messages.ndjson"),
    ];
    const one = await walab([...args, "--threads", "1"]);
    const two = await walab([...args, "--threads", "2"]);
    expect(one.code).toBe(0);
    expect(lines(one.stdout).length).toBeGreaterThan(3000);
    expect(two).toEqual(one);
    expect(await walab([...args, "--threads", "2", "--summary"])).toEqual(
      await walab([...args, "--summary"]),
    );
    const bad = await walab([...args, "--threads", "3"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid --threads: 3 \(expected 1 or 2\)/);
  });

  it("main(['bill']) without --messages exits 2 and says so", async () => {
    const {code, stdout, stderr} = await walab(["bill"]);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toContain("missing --messages");
  });

  it.each([
    ["--messages", "messages.ndjson"],
    ["--accounts", "accounts.yaml"],
  ])(
    "main(['bill', ...]) with a nonexistent %s file exits 2 and names it",
    async (option, name) => {
      const f = folder(name === "accounts.yaml" ? {"messages.ndjson": MESSAGES} : {});
      const args = ["bill", "--messages", f.path("messages.ndjson"), "--out", f.path("out.ndjson")];
      if (option === "--accounts") args.push("--accounts", f.path("accounts.yaml"));
      const {code, stdout, stderr} = await walab(args);
      expect([code, stdout]).toEqual([2, ""]);
      expect(stderr).toContain(f.path(name));
      expect(leftovers(f.dir, name === "accounts.yaml" ? ["messages.ndjson"] : [])).toEqual([]);
    },
  );
});

describe("walab bill as a child process (node bin/walab.js)", () => {
  const node = (args: string[], input?: string) =>
    spawnSync(process.execPath, ["bin/walab.js", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      input,
      timeout: 60_000,
    });

  it("node bin/walab.js bill exits 0 and prints the records of the formats.md example", () => {
    const f = folder({"accounts.json": LOJA_ACCOUNTS});
    const result = node(
      ["bill", "--accounts", f.path("accounts.json"), "--messages", "-"],
      LOJA_MESSAGES,
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toEqual(LOJA_RECORDS);
  });

  it("node bin/walab.js bill exits 2 on a bad line and leaves no --out file", () => {
    const f = folder({"messages.ndjson": [line(), line({category: "promotional"})].join("\n")});
    const result = node([
      "bill",
      "--messages",
      f.path("messages.ndjson"),
      "--out",
      f.path("out.ndjson"),
    ]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(f.path("messages.ndjson") + ":2#category");
    expect(existsSync(f.path("out.ndjson"))).toBe(false);
    expect(leftovers(f.dir, ["messages.ndjson"])).toEqual([]);
  });
});
