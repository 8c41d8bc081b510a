import {Hono} from "hono";
import {bodyLimit} from "hono/body-limit";
import {z} from "zod";
import {compareStrategies} from "../api/compare-strategies.ts";
import {tableCsv, tableRecords} from "../api/data-table.ts";
import {errorAnswer} from "../api/error-body.ts";
import {HttpError, NotFoundError, ValidationError} from "../api/http-error.ts";
import {parseJsonBody, parseValue} from "../api/parse-json-body.ts";
import {isResultTableId, RESULT_TABLE_IDS, resultTable} from "../api/result-tables.ts";
import type {ScenarioService, StoredResult} from "../api/scenario-service.ts";
import {PRICING_CHOICES, quoteRequestSchema, RESULT_KEY, runRequestSchema} from "../api/schemas.ts";
import type {QuoteRequest} from "../api/schemas.ts";
import {SCENARIO_CHARTS, sweepPoints} from "../charts/index.ts";
import type {RunQueue} from "../queue/index.ts";
import type {QuoteResult} from "../quote/index.ts";
import {renderChartSvg} from "../report/render-svg.ts";

/** What the API routes use. */
export interface ApiRouteOptions {
  service: ScenarioService;
  /** Runs of scenarios. */
  queue: RunQueue;
  /** Quotes (a second queue, so quotes do not wait behind scenario runs). */
  quoteQueue: RunQueue;
  /** Bills a quote (on a worker thread, or this one); the signal aborts on the quote's timeout. */
  quote: (request: QuoteRequest, signal: AbortSignal) => Promise<QuoteResult>;
  /** Counters of the worker threads, when runs execute on a pool. */
  threadStats?: () => unknown;
  /** Countries and rates editions of the quote form. */
  quoteOptions: {
    countries: readonly {iso2: string; name: string}[];
    rateEditions: readonly string[];
  };
  /** Largest request body, in bytes. */
  bodyLimitBytes: number;
}

const pointQuery = z.coerce.number().int().min(0).default(0);

/**
 * The JSON API: scenarios, runs with overrides, results with their tables (CSV, JSON) and charts
 * (SVG), the comparison of two strategies and the quick quote. Handlers parse and validate, call
 * the service or the quoter, and format: no billing logic lives here.
 */
export function apiRoutes(options: ApiRouteOptions): Hono {
  const {service, queue, quoteQueue, quote} = options;
  const app = new Hono();
  const limit = bodyLimit({
    maxSize: options.bodyLimitBytes,
    onError: (c) => {
      const {status, body} = errorAnswer(
        new HttpError(
          413,
          `request body too large (expected at most ${options.bodyLimitBytes} bytes)`,
        ),
      );
      return c.json(body, status as 413);
    },
  });

  const stored = (key: string): StoredResult => {
    if (!RESULT_KEY.test(key))
      throw new ValidationError([
        {path: "key", message: "invalid result key (expected 64 hex digits)"},
      ]);
    const hit = service.stored(key);
    if (hit === undefined) {
      const running = service.running(key);
      throw new NotFoundError(
        running
          ? `result ${key} is still running`
          : `no result ${key} (run the scenario first; results are kept in memory)`,
        {
          headers: running ? {"Retry-After": "2"} : {},
        },
      );
    }
    return hit;
  };
  const point = (stored: StoredResult, text: string | undefined) => {
    const value = parseValue(text ?? "0", pointQuery.pipe(z.number()));
    const count = sweepPoints(stored.result).length;
    if (value >= count)
      throw new ValidationError([
        {path: "point", message: `no sweep point ${value} (expected 0 to ${count - 1})`},
      ]);
    return value;
  };

  app.get("/health", (c) =>
    c.json({
      ok: true,
      runs: queue.stats(),
      quotes: quoteQueue.stats(),
      ...(options.threadStats === undefined ? {} : {threads: options.threadStats()}),
    }),
  );

  app.get("/scenarios", async (c) => c.json({scenarios: await service.list()}));

  app.get("/scenarios/:name", async (c) => {
    const summary = await service.summary(c.req.param("name"));
    return c.json({...summary, levers: {pricing: PRICING_CHOICES}});
  });

  app.post("/scenarios/:name/runs", limit, async (c) => {
    const name = c.req.param("name");
    await service.summary(name); // 400/404 for the name before reading the body
    const body = await parseJsonBody(c.req.raw, runRequestSchema);
    const {stored, cached, preview} = await service.run(name, body.overrides, {
      preview: body.preview,
    });
    return c.json({
      key: stored.key,
      cached,
      preview,
      scenario: stored.scenario,
      overrides: stored.overrides,
      headline: stored.headline,
      links: resultLinks(stored.key),
      result: stored.result,
    });
  });

  app.get("/results/:key", (c) => {
    const hit = stored(c.req.param("key"));
    if (c.req.header("if-none-match") === `"${hit.key}"`) return c.body(null, 304);
    return c.body(hit.json as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/json; charset=utf-8",
      etag: `"${hit.key}"`,
      "cache-control": "private, max-age=3600, immutable",
    });
  });

  app.get("/results/:key/tables", (c) => {
    const hit = stored(c.req.param("key"));
    return c.json({
      tables: RESULT_TABLE_IDS.map((id) => ({
        id,
        title: resultTable(hit.result, id).title,
        csv: `/api/results/${hit.key}/tables/${id}.csv`,
        json: `/api/results/${hit.key}/tables/${id}.json`,
      })),
    });
  });

  app.get("/results/:key/tables/:file", (c) => {
    const hit = stored(c.req.param("key"));
    const match = /^([a-z-]+)\.(csv|json)$/.exec(c.req.param("file"));
    if (match === null || !isResultTableId(match[1]!)) {
      throw new NotFoundError(
        `no table ${JSON.stringify(c.req.param("file").slice(0, 100))} (expected one of ${RESULT_TABLE_IDS.join(", ")} with .csv or .json)`,
      );
    }
    const table = resultTable(hit.result, match[1]);
    const file = `${hit.scenario}-${table.id}.${match[2]}`;
    const disposition = {"content-disposition": `attachment; filename="${file}"`};
    if (match[2] === "csv")
      return c.body(tableCsv(table), 200, {
        "content-type": "text/csv; charset=utf-8",
        ...disposition,
      });
    return c.body(JSON.stringify(tableRecords(table)), 200, {
      "content-type": "application/json; charset=utf-8",
      ...disposition,
    });
  });

  app.get("/results/:key/charts", (c) => {
    const hit = stored(c.req.param("key"));
    return c.json({
      charts: SCENARIO_CHARTS.filter((chart) => chart.applies(hit.result)).map((chart) => ({
        id: chart.id,
        svg: `/api/results/${hit.key}/charts/${chart.id}.svg`,
      })),
    });
  });

  app.get("/results/:key/charts/:file", (c) => {
    const hit = stored(c.req.param("key"));
    const id = /^([a-z-]+)\.svg$/.exec(c.req.param("file"))?.[1];
    const chart = SCENARIO_CHARTS.find((ch) => ch.id === id && ch.applies(hit.result));
    if (chart === undefined)
      throw new NotFoundError(
        `no chart ${JSON.stringify(c.req.param("file").slice(0, 100))} for this result`,
      );
    const svg = renderChartSvg(chart.build(hit.result, {point: point(hit, c.req.query("point"))}));
    return c.body(svg, 200, {
      "content-type": "image/svg+xml; charset=utf-8",
      "content-disposition": `attachment; filename="${hit.scenario}-${chart.id}.svg"`,
    });
  });

  app.get("/results/:key/compare", (c) => {
    const hit = stored(c.req.param("key"));
    const query = parseValue(
      c.req.query(),
      z.object({
        a: z.string().min(1).max(200),
        b: z.string().min(1).max(200),
        point: z.string().optional(),
      }),
    );
    return c.json(compareStrategies(hit.result, query.a, query.b, point(hit, query.point)));
  });

  app.get("/quote/options", (c) => c.json({...options.quoteOptions, pricing: PRICING_CHOICES}));

  app.post("/quote", limit, async (c) => {
    const request = await parseJsonBody(c.req.raw, quoteRequestSchema);
    const answer: QuoteResult = await quoteQueue.run((signal) => quote(request, signal));
    return c.json(answer);
  });

  return app;
}

/** The URLs of a result's JSON, tables and charts. */
function resultLinks(key: string) {
  return {
    result: `/api/results/${key}`,
    tables: `/api/results/${key}/tables`,
    charts: `/api/results/${key}/charts`,
  };
}
