import {Hono} from "hono";
import {runOverridesSchema} from "../api/schemas.ts";
import type {ScenarioService, StoredResult} from "../api/scenario-service.ts";
import {overridesFromQuery} from "../pages/levers.ts";
import {renderChartSections} from "../pages/chart-sections.ts";
import {renderQuotePage} from "../pages/quote-page.ts";
import type {QuoteFormOptions} from "../pages/quote-page.ts";
import {renderComparePage, renderListPage, renderScenarioPage} from "../pages/scenario-pages.ts";
import type {BrowserModules} from "./browser-modules.ts";

/** Results whose server-drawn charts are kept. */
const DRAWN_KEPT = 16;

/** What the page routes use. */
export interface PageRouteOptions {
  service: ScenarioService;
  modules: BrowserModules;
  /** Whether the scenario page loads its bundles (/bundles) rather than modules one by one. */
  bundled?: boolean;
  /** The stylesheet and the scenario page's script bundle, to inline in the scenario page. */
  inline?: () => Promise<{style?: string; script?: string}>;
  quoteOptions: () => QuoteFormOptions;
}

/**
 * The HTML pages: the scenario list, a scenario's charts and levers, the compare view and the
 * quick quote. Pages are rendered from the service's summaries; their data comes from the API
 * (a scenario page carries its result when it is cached, to paint without a second request).
 */
export function pageRoutes(options: PageRouteOptions): Hono {
  const {service, modules} = options;
  const app = new Hono();
  const query = (url: string) => new URL(url).searchParams;
  const preload = (entry: string) => modules.importsOf(entry);
  const cachedFor = async (
    name: string,
    params: URLSearchParams,
  ): Promise<StoredResult | undefined> => {
    const parsed = runOverridesSchema.safeParse(overridesFromQuery(params));
    return parsed.success ? service.stored(await service.keyOf(name, parsed.data)) : undefined;
  };

  // the server-drawn charts of recent results (~80 ms each to draw)
  const drawn = new Map<string, string>();
  const chartsOf = (stored: StoredResult): string | undefined => {
    let html = drawn.get(stored.key);
    if (html === undefined) {
      try {
        html = renderChartSections(stored.result, stored.key, 0);
      } catch {
        return undefined; // the browser draws them
      }
      drawn.set(stored.key, html);
      while (drawn.size > DRAWN_KEPT) drawn.delete(drawn.keys().next().value!);
    }
    return html;
  };

  app.get("/", async (c) => c.html(renderListPage(await service.list())));
  app.get("/scenarios/:name", async (c) => {
    const name = c.req.param("name");
    const summary = await service.summary(name);
    const params = query(c.req.url);
    const cached = await cachedFor(name, params);
    return c.html(
      renderScenarioPage(summary, params, {
        cached,
        ...(options.bundled === true
          ? {bundled: true, inline: await options.inline?.()}
          : {preload: await preload("server/pages/client/scenario-client.ts")}),
        charts: cached === undefined ? undefined : chartsOf(cached),
      }),
    );
  });
  app.get("/scenarios/:name/compare", async (c) =>
    c.html(
      renderComparePage(await service.summary(c.req.param("name")), query(c.req.url), {
        preload: await preload("server/pages/client/compare-client.ts"),
      }),
    ),
  );
  app.get("/quote", async (c) =>
    c.html(
      renderQuotePage(options.quoteOptions(), {
        preload: await preload("server/pages/client/quote-client.ts"),
      }),
    ),
  );
  return app;
}
