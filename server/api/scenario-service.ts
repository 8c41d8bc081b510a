import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import type {RunQueue} from "../queue/index.ts";
import {InputError} from "../../models/input-error.ts";
import {contentKey} from "./content-key.ts";
import {BadRequestError, NotFoundError} from "./http-error.ts";
import {resultHeadline} from "./headline.ts";
import type {Headline} from "./headline.ts";
import {scenarioQuestion} from "./scenario-question.ts";
import {SCENARIO_NAME} from "./schemas.ts";
import type {RunOverrides} from "./schemas.ts";

/** The scenario files, confined by the runtime adapter to the project's scenarios/ folder. */
export interface ScenarioFiles {
  /** Names of the `*.yaml` files in scenarios/ (without the extension), sorted. */
  list(): Promise<string[]>;
  /** The text of `scenarios/<name>.yaml`, or undefined when there is no such regular file inside scenarios/. */
  read(name: string): Promise<string | undefined>;
  /**
   * The text of a file a scenario names (an accounts file), by its path relative to scenarios/;
   * undefined when it is missing or would lie outside scenarios/.
   */
  readRelative(path: string): Promise<string | undefined>;
}

/** What a runner is handed besides the file and overrides. */
export interface RunContext {
  /** The file's text, as hashed for the cache key. */
  text: string;
  /** Aborted when the run times out: a runner should stop soon after. */
  signal: AbortSignal;
  /** Cache warming, outside the run queue: the runner should let visitors' runs go first. */
  background?: boolean;
  /**
   * Asks for the exact result of the same scenario with `replications` replications, delivered
   * once before the whole run finishes; a runner may ignore it.
   */
  preview?: {replications: number; deliver(result: ScenarioResult): void};
}

/**
 * Runs a scenario file (project-relative, e.g. `scenarios/loja-br-ecommerce.yaml`) with the
 * levers applied to every strategy; the runtime adapter wires it to the engine's scenario runner.
 * Throws InputError for overrides the scenario cannot take (answered 422).
 */
export type ScenarioRunner = (
  file: string,
  overrides: RunOverrides,
  context: RunContext,
) => Promise<ScenarioResult>;

/** A result in the cache, with its JSON text serialised once. */
export interface StoredResult {
  key: string;
  scenario: string;
  overrides: RunOverrides;
  result: ScenarioResult;
  /** The result as UTF-8 JSON, encoded once for every GET. */
  json: Uint8Array;
  headline: Headline | null;
}

/** A scenario in the list: its question and, once run with its defaults, the headline. */
export interface ScenarioSummary {
  name: string;
  file: string;
  question: string;
  /** Cache key of the run with the scenario's own values (no overrides). */
  defaultKey: string;
  headline: Headline | null;
}

/** Scenarios, their runs (bounded by the queue) and the result cache. */
export interface ScenarioService {
  list(): Promise<ScenarioSummary[]>;
  /** @throws NotFoundError for an unknown scenario, BadRequestError for a malformed name. */
  summary(name: string): Promise<ScenarioSummary>;
  /** The cache key of a scenario with overrides. @throws like `summary`. */
  keyOf(name: string, overrides: RunOverrides): Promise<string>;
  /**
   * The result of a scenario with overrides: from the cache, from a run already under way for the
   * same key, or from a new run through the queue. With `preview`, answers as soon as the run's
   * preview is ready, if that comes first: the exact result of the same run with
   * PREVIEW_REPLICATIONS replications (cached under its own key), flagged `preview: true`, while
   * the whole run goes on. With `background` (cache warming), a new run bypasses the queue and
   * yields to visitors' runs.
   * @throws QueueFullError, RunTimeoutError, NotFoundError, or the runner's error.
   */
  run(name: string, overrides: RunOverrides, options?: RunOptions): Promise<RunAnswer>;
  /** A cached result by key, or undefined. */
  stored(key: string): StoredResult | undefined;
  /** Whether a run for this key is under way. */
  running(key: string): boolean;
}

/** How a run is asked for. */
export interface RunOptions {
  preview?: boolean;
  background?: boolean;
}

/** The service's answer to a run. */
export interface RunAnswer {
  stored: StoredResult;
  cached: boolean;
  /** Whether `stored` is the preview of a run still under way. */
  preview: boolean;
}

/** The replications of a preview: the fewest with a confidence interval. */
export const PREVIEW_REPLICATIONS = 2;

/** Options of the scenario service. */
export interface ScenarioServiceOptions {
  files: ScenarioFiles;
  runner: ScenarioRunner;
  queue: RunQueue;
  /** Results kept (least recently used dropped first); default 256. */
  cacheEntries?: number;
}

/** A run under way: its whole result and its preview (undefined when it has none). */
interface Flight {
  full: Promise<StoredResult>;
  preview: Promise<StoredResult | undefined>;
  background: boolean;
}

/** Bumped when the cache key's inputs change meaning. */
const KEY_VERSION = 1;

/**
 * Creates the scenario service: scenario names are checked against SCENARIO_NAME before any file
 * access, results are keyed by the SHA-256 of (scenario name, file text, overrides) and kept in an
 * LRU cache (and so are the engine's refusals, InputError, which the same key always meets), and
 * concurrent requests for one key share one run.
 * @example const {stored} = await service.run("loja-br-ecommerce", {}); stored.key // => 64 hex digits
 */
export function createScenarioService(options: ScenarioServiceOptions): ScenarioService {
  const {files, runner, queue} = options;
  const capacity = Math.max(1, options.cacheEntries ?? 256);
  const cache = new Map<string, StoredResult>();
  const inFlight = new Map<string, Flight>();
  // runs the engine refused (InputError: the same file and levers always fail the same way)
  const refused = new Map<string, InputError>();
  const never = new AbortController().signal;

  async function text(name: string): Promise<string> {
    if (!SCENARIO_NAME.test(name)) {
      throw new BadRequestError(
        `invalid scenario name: ${JSON.stringify(name.slice(0, 100))} (expected lowercase letters, digits, - and _)`,
      );
    }
    const content = await files.read(name);
    if (content === undefined) throw new NotFoundError(`no scenario ${JSON.stringify(name)}`);
    return content;
  }

  const keyFor = (name: string, content: string, overrides: RunOverrides) =>
    contentKey({v: KEY_VERSION, scenario: name, text: content, overrides});

  function store(
    key: string,
    name: string,
    overrides: RunOverrides,
    result: ScenarioResult,
  ): StoredResult {
    const stored: StoredResult = {
      key,
      scenario: name,
      overrides,
      result,
      json: new TextEncoder().encode(JSON.stringify(result)),
      headline: resultHeadline(result),
    };
    remember(stored);
    return stored;
  }

  function start(
    name: string,
    content: string,
    key: string,
    overrides: RunOverrides,
    background: boolean,
  ): Flight {
    let showPreview: (stored: StoredResult | undefined) => void = () => {};
    const preview = new Promise<StoredResult | undefined>((resolve) => (showPreview = resolve));
    const previewOverrides = {...overrides, replications: PREVIEW_REPLICATIONS};
    const task = (signal: AbortSignal) =>
      runner(`scenarios/${name}.yaml`, overrides, {
        text: content,
        signal,
        background,
        preview: {
          replications: PREVIEW_REPLICATIONS,
          deliver(result) {
            void keyFor(name, content, previewOverrides).then(
              (previewKey) => showPreview(store(previewKey, name, previewOverrides, result)),
              () => showPreview(undefined),
            );
          },
        },
      });
    const full = (background ? task(never) : queue.run(task))
      .then(
        (result) => store(key, name, overrides, result),
        (error: unknown) => {
          if (error instanceof InputError) {
            refused.set(key, error);
            while (refused.size > capacity) refused.delete(refused.keys().next().value!);
          }
          throw error;
        },
      )
      .finally(() => {
        if (inFlight.get(key) === flight) inFlight.delete(key);
        showPreview(undefined);
      });
    const flight: Flight = {full, preview, background};
    inFlight.set(key, flight);
    full.catch(() => {}); // a caller awaits it; a preview caller may not
    return flight;
  }

  function remember(stored: StoredResult) {
    cache.delete(stored.key);
    cache.set(stored.key, stored);
    while (cache.size > capacity) cache.delete(cache.keys().next().value!);
  }

  async function summary(name: string): Promise<ScenarioSummary> {
    const content = await text(name);
    const defaultKey = await keyFor(name, content, {});
    return {
      name,
      file: `scenarios/${name}.yaml`,
      question: scenarioQuestion(content),
      defaultKey,
      headline: cache.get(defaultKey)?.headline ?? null,
    };
  }

  return {
    async list() {
      const names = await files.list();
      const out: ScenarioSummary[] = [];
      for (const name of names) {
        if (!SCENARIO_NAME.test(name)) continue;
        try {
          out.push(await summary(name));
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error; // listed but unreadable (e.g. a symlink out of scenarios/)
        }
      }
      return out;
    },
    summary,
    async keyOf(name, overrides) {
      return keyFor(name, await text(name), overrides);
    },
    async run(name, overrides, {preview = false, background = false} = {}) {
      const content = await text(name);
      const key = await keyFor(name, content, overrides);
      const hit = cache.get(key);
      if (hit !== undefined) {
        remember(hit);
        return {stored: hit, cached: true, preview: false};
      }
      const refusal = refused.get(key);
      if (refusal !== undefined) throw refusal;
      let flight = inFlight.get(key);
      // a visitor joining a warming run starts its own through the queue: its units are shared,
      // and lifted ahead of the warming's
      if (flight === undefined || (flight.background && !background))
        flight = start(name, content, key, overrides, background);
      if (preview) {
        const first = await Promise.race([
          flight.full.then((stored) => ({stored, preview: false})),
          flight.preview.then((stored) =>
            stored === undefined ? undefined : {stored, preview: true},
          ),
        ]);
        if (first !== undefined) return {...first, cached: false};
      }
      return {stored: await flight.full, cached: false, preview: false};
    },
    stored(key) {
      return cache.get(key);
    },
    running(key) {
      return inFlight.has(key);
    },
  };
}
