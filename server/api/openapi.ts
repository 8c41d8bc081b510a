import {z} from "zod";
import {RESULT_TABLE_IDS} from "./result-tables.ts";
import {quoteRequestSchema, runOverridesSchema, runRequestSchema} from "./schemas.ts";

type Json = Record<string, unknown>;

const ref = (name: string) => ({$ref: `#/components/schemas/${name}`});
const jsonContent = (schema: Json) => ({"application/json": {schema}});
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      {description: ERROR_TEXT[code] ?? "error", content: jsonContent(ref("Error"))},
    ]),
  );

const ERROR_TEXT: Record<number, string> = {
  400: "Malformed request (not JSON, a bad name or key); `problems` name the field paths",
  404: "No such scenario, result, table or chart",
  413: "Request body too large",
  422: "Validation failed; `problems` name every field path",
  429: "Run queue full; the Retry-After header says when to retry",
  504: "The run timed out",
};

const pathParam = (name: string, description: string, pattern?: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: pattern === undefined ? {type: "string"} : {type: "string", pattern},
});
const nameParam = pathParam(
  "name",
  "Scenario name (file in scenarios/ without .yaml)",
  "^[a-z0-9][a-z0-9_-]{0,79}$",
);
const keyParam = pathParam(
  "key",
  "Result key: SHA-256 of the scenario, its text and the overrides",
  "^[0-9a-f]{64}$",
);
const pointParam = {
  name: "point",
  in: "query",
  required: false,
  description: "Sweep point index (default 0)",
  schema: {type: "integer", minimum: 0},
};

const schema = (s: z.ZodType) => z.toJSONSchema(s, {io: "input", unrepresentable: "any"}) as Json;

const meanInterval = {
  type: "object",
  required: ["mean", "low", "high", "n"],
  properties: {
    mean: {type: "number"},
    low: {type: "number"},
    high: {type: "number"},
    n: {type: "integer"},
  },
};

/**
 * The OpenAPI 3.1 document of the JSON API, its request schemas generated from the zod schemas
 * the handlers validate with (so the two cannot drift).
 * @example openApiDocument().paths["/api/quote"].post.requestBody // => {required: true, content: ...}
 */
export function openApiDocument(): Json & {paths: Record<string, Json>} {
  return {
    openapi: "3.1.0",
    info: {
      title: "walab API",
      version: "0.1.0",
      description:
        "Run WhatsApp Business pricing scenarios with levers, fetch their results, tables and charts, compare strategies, and quote a month of volumes exactly. Runs are queued (concurrency limit, timeout, 429 when full) and cached by the SHA-256 of the scenario and overrides.",
    },
    paths: {
      "/api/scenarios": {
        get: {
          summary:
            "List scenarios with their question and, when cached, the headline of their default run",
          responses: {
            "200": {
              description: "The scenarios",
              content: jsonContent({
                type: "object",
                properties: {scenarios: {type: "array", items: ref("ScenarioSummary")}},
              }),
            },
          },
        },
      },
      "/api/scenarios/{name}": {
        get: {
          summary: "One scenario",
          parameters: [nameParam],
          responses: {
            "200": {description: "The scenario", content: jsonContent(ref("ScenarioSummary"))},
            ...errors(400, 404),
          },
        },
      },
      "/api/scenarios/{name}/runs": {
        post: {
          summary: "Run a scenario with overrides (or get the cached result)",
          description:
            "Answers when the run is done. With `preview: true`, answers as soon as the first 2 replications are done, if the run is not cached: the exact result of the same scenario with 2 replications (`preview: true`, cached under its own key), while the whole run goes on; post again without `preview` to wait for it.",
          parameters: [nameParam],
          requestBody: {required: true, content: jsonContent(ref("RunRequest"))},
          responses: {
            "200": {
              description: "The result, from the cache or a new run",
              content: jsonContent(ref("RunAnswer")),
            },
            ...errors(400, 404, 413, 422, 429, 504),
          },
        },
      },
      "/api/results/{key}": {
        get: {
          summary: "A cached result (summary.json)",
          parameters: [keyParam],
          responses: {
            "200": {description: "The result", content: jsonContent(ref("ScenarioResult"))},
            "304": {description: "Not modified (If-None-Match)"},
            ...errors(404, 422),
          },
        },
      },
      "/api/results/{key}/tables": {
        get: {
          summary: "The tables of a result with their download URLs",
          parameters: [keyParam],
          responses: {
            "200": {description: "Tables", content: jsonContent({type: "object"})},
            ...errors(404, 422),
          },
        },
      },
      "/api/results/{key}/tables/{file}": {
        get: {
          summary: "One table as CSV or JSON",
          parameters: [
            keyParam,
            pathParam(
              "file",
              `Table id and format: ${RESULT_TABLE_IDS.map((id) => `${id}.csv`).join(", ")} (or .json)`,
              `^(${RESULT_TABLE_IDS.join("|")})\\.(csv|json)$`,
            ),
          ],
          responses: {
            "200": {
              description: "The table",
              content: {
                "text/csv": {schema: {type: "string"}},
                "application/json": {schema: {type: "array", items: {type: "object"}}},
              },
            },
            ...errors(404, 422),
          },
        },
      },
      "/api/results/{key}/charts": {
        get: {
          summary: "The charts of a result with their SVG URLs",
          parameters: [keyParam],
          responses: {
            "200": {description: "Charts", content: jsonContent({type: "object"})},
            ...errors(404, 422),
          },
        },
      },
      "/api/results/{key}/charts/{file}": {
        get: {
          summary: "One chart rendered server-side as SVG",
          parameters: [
            keyParam,
            pathParam("file", "Chart id with .svg, e.g. daily-cost.svg", "^[a-z-]+\\.svg$"),
            pointParam,
          ],
          responses: {
            "200": {description: "SVG", content: {"image/svg+xml": {schema: {type: "string"}}}},
            ...errors(404, 422),
          },
        },
      },
      "/api/results/{key}/compare": {
        get: {
          summary: "Compare strategy b with strategy a (paired over replications)",
          parameters: [
            keyParam,
            {name: "a", in: "query", required: true, schema: {type: "string"}},
            {name: "b", in: "query", required: true, schema: {type: "string"}},
            pointParam,
          ],
          responses: {
            "200": {
              description: "The comparison",
              content: jsonContent({
                type: "object",
                properties: {
                  a: {type: "string"},
                  b: {type: "string"},
                  totalDelta: meanInterval,
                  ratio: {type: "number"},
                  tables: {type: "array"},
                  result: ref("ScenarioResult"),
                },
              }),
            },
            ...errors(404, 422),
          },
        },
      },
      "/api/quote": {
        post: {
          summary:
            "Quote a month of message volumes: exact (list prices, free allowances, volume tiers) and as a time-aware month",
          requestBody: {required: true, content: jsonContent(ref("QuoteRequest"))},
          responses: {
            "200": {description: "The quote", content: jsonContent({type: "object"})},
            ...errors(400, 413, 422, 429),
          },
        },
      },
      "/api/quote/options": {
        get: {
          summary: "Countries, pricing models and rates editions a quote takes",
          responses: {"200": {description: "Options", content: jsonContent({type: "object"})}},
        },
      },
      "/api/health": {
        get: {
          summary: "Queue counters",
          responses: {"200": {description: "Health", content: jsonContent({type: "object"})}},
        },
      },
    },
    components: {
      schemas: {
        RunRequest: schema(runRequestSchema),
        RunOverrides: schema(runOverridesSchema),
        QuoteRequest: schema(quoteRequestSchema),
        Error: {
          type: "object",
          required: ["error", "status"],
          properties: {
            error: {type: "string"},
            status: {type: "integer"},
            problems: {
              type: "array",
              items: {
                type: "object",
                required: ["path", "message"],
                properties: {path: {type: "string"}, message: {type: "string"}},
              },
            },
          },
        },
        ScenarioSummary: {
          type: "object",
          required: ["name", "file", "question", "defaultKey", "headline"],
          properties: {
            name: {type: "string"},
            file: {type: "string"},
            question: {type: "string"},
            defaultKey: {type: "string"},
            headline: {type: ["object", "null"]},
          },
        },
        RunAnswer: {
          type: "object",
          required: ["key", "cached", "preview", "scenario", "overrides", "result"],
          properties: {
            key: {type: "string"},
            cached: {type: "boolean"},
            preview: {
              type: "boolean",
              description:
                "Whether this is the preview of a run still under way: its `overrides` then carry the preview's replications",
            },
            scenario: {type: "string"},
            overrides: ref("RunOverrides"),
            headline: {type: ["object", "null"]},
            result: ref("ScenarioResult"),
          },
        },
        MeanInterval: meanInterval,
        ScenarioResult: {
          type: "object",
          description:
            "engine/scenario/scenario-result.ts: per strategy x sweep point, statistics over the replications",
          required: [
            "scenario",
            "question",
            "file",
            "seed",
            "replications",
            "period",
            "currency",
            "days",
            "users",
            "sweepParameters",
            "runs",
          ],
          properties: {
            scenario: {type: "string"},
            question: {type: "string"},
            file: {type: "string"},
            seed: {type: ["string", "number"]},
            replications: {type: "integer"},
            period: {
              type: "object",
              properties: {
                start: {type: "string"},
                end: {type: "string"},
                timezone: {type: "string"},
              },
            },
            currency: {type: "string"},
            days: {type: "array", items: {type: "string"}},
            users: {type: "number"},
            sweepParameters: {type: "array", items: {type: "string"}},
            runs: {
              type: "array",
              items: {
                type: "object",
                required: ["strategy", "sweep", "replicationTotals", "total"],
                properties: {
                  strategy: {type: "string"},
                  sweep: {type: "object"},
                  replicationTotals: {type: "array", items: {type: "string"}},
                  total: ref("MeanInterval"),
                },
              },
            },
          },
        },
      },
    },
  };
}
