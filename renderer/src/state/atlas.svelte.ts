import type {
  AppInfo,
  BodySummary,
  CountryRef,
  MapSummary,
  OPTIONAL_COUNT_ROLES,
  ThemeSummary,
  ThemeTables,
} from '../../../main/contract/index.js';
import { query } from '../lib/api';
import type { ErrorState } from './errors.svelte';

/** The map's highlight: none, one body's countries or one theme's. */
export type MapFilter =
  | { type: 'none' }
  | { type: 'body'; id: string }
  | { type: 'theme'; id: string };

/** The subject of the side panel. */
export type PanelTarget =
  | { type: 'country'; iso3: string }
  | { type: 'body'; id: string }
  | { type: 'theme'; id: string };

export type View = 'map' | 'tables' | 'history';

/**
 * Roles that count only when their switch is on, as the contract lists
 * them, restated so that zod stays out of the renderer bundle.
 */
export const OPTIONAL_ROLES: typeof OPTIONAL_COUNT_ROLES = [
  'observer',
  'associate',
  'participant',
  'suspended',
];

/** A role that counts only when its switch is on. */
export type OptionalRole = (typeof OPTIONAL_COUNT_ROLES)[number];

/** The count switches, as the API's input takes them. */
export interface CountSwitches {
  includeRoles: OptionalRole[];
  excludeGlobal: boolean;
}

/** The as-of day and count switches of the summary on screen. */
export interface AppliedSettings {
  asOf: string;
  count: CountSwitches;
}

const DEFAULT_COUNT: CountSwitches = { includeRoles: [], excludeGlobal: false };

/**
 * The renderer's shared state: reference lists, the requested settings
 * (as-of day, count switches, filter), the map summary drawn with them, and
 * what the side panel shows.
 *
 * The controls write the requested settings at once. The summary and
 * `applied` change only when the API accepts them. When it rejects them,
 * the controls fall back to the accepted values and the error goes to the
 * banner. Panels read `applied`, so they never query with a rejected date.
 */
/** Beginnings of the actions that request a map summary, as errors name them. */
const MAP_ACTIONS = [
  'Loading the map',
  'Redrawing the map',
  'Showing the map as of',
  'Changing the count switches',
  'Highlighting a',
  'Clearing the highlight',
];

export class AtlasState {
  info = $state.raw<AppInfo | null>(null);
  countries = $state.raw<CountryRef[]>([]);
  bodies = $state.raw<BodySummary[]>([]);
  themes = $state.raw<ThemeSummary[]>([]);
  themeTables = $state.raw<ThemeTables | null>(null);

  /** Requested as-of day; null means today. */
  asOf = $state<string | null>(null);
  count = $state.raw<CountSwitches>(DEFAULT_COUNT);
  filter = $state.raw<MapFilter>({ type: 'none' });

  summary = $state.raw<MapSummary | null>(null);
  applied = $state.raw<AppliedSettings | null>(null);

  panel = $state.raw<PanelTarget | null>(null);
  view = $state<View>('map');

  /**
   * Counts the writes made through this window. Views that show stored
   * records read it in their effects, so that they query again after a
   * change, correction, revert or note is saved.
   */
  dataVersion = $state(0);

  countryByIso3 = $derived(
    new Map(this.countries.map((country) => [country.iso3, country])),
  );
  bodyById = $derived(new Map(this.bodies.map((body) => [body.id, body])));
  themeById = $derived(new Map(this.themes.map((theme) => [theme.id, theme])));
  datasetCountries = $derived(
    this.countries.filter((country) => country.inDataset),
  );
  /** ISCM count per alpha-3 code in the summary on screen. */
  iscmCounts = $derived(
    new Map(
      (this.summary?.countries ?? []).map((row) => [row.iso3, row.iscmCount]),
    ),
  );

  #summaryRequest = 0;
  /** The requested settings of the summary on screen. */
  #accepted: { asOf: string | null; count: CountSwitches; filter: MapFilter } =
    { asOf: null, count: DEFAULT_COUNT, filter: { type: 'none' } };
  #themeTablesLoad: Promise<ThemeTables | null> | null = null;
  #panelOpener: HTMLElement | null = null;

  readonly errors: ErrorState;

  constructor(errors: ErrorState) {
    this.errors = errors;
  }

  /**
   * Loads the reference lists and the first map summary. The countries and
   * the summary, which the first map needs, are requested first, and the
   * lists for the controls only once those have arrived.
   */
  async load(): Promise<void> {
    const countries = query('listCountries', {}).then((value) => {
      this.countries = value;
    });
    const summary = this.#requestSummary('Loading the map');

    try {
      await countries;
    } catch (error) {
      this.errors.report('Loading the list of countries', error);
    }
    await summary;

    try {
      const [info, bodies, themes] = await Promise.all([
        query('appInfo', {}),
        query('listBodies', {}),
        query('listThemes', {}),
      ]);
      this.info = info;
      this.bodies = bodies;
      this.themes = themes;
    } catch (error) {
      this.errors.report('Loading the lists of bodies and themes', error);
    }
  }

  /** Loads IOM's two theme tables once; null when the load failed. */
  loadThemeTables(): Promise<ThemeTables | null> {
    this.#themeTablesLoad ??= query('themeTables', {}).then(
      (tables) => {
        this.themeTables = tables;
        return tables;
      },
      (error: unknown) => {
        this.#themeTablesLoad = null;
        this.errors.report('Loading the theme tables', error);
        return null;
      },
    );
    return this.#themeTablesLoad;
  }

  /**
   * Redraws the map at the requested settings and makes every view that
   * reads `dataVersion` query again, after a write changed stored records.
   */
  async refreshData(): Promise<void> {
    this.dataVersion++;
    const summary = this.#requestSummary('Redrawing the map');

    try {
      this.bodies = await query('listBodies', {});
    } catch (error) {
      this.errors.report('Reloading the list of bodies', error);
    }
    await summary;
  }

  setAsOf(day: string | null): Promise<void> {
    this.asOf = day;
    return this.#requestSummary(`Showing the map as of ${day ?? 'today'}`);
  }

  setCount(count: CountSwitches): Promise<void> {
    this.count = count;
    return this.#requestSummary('Changing the count switches');
  }

  /** Highlights one body's countries and opens its panel. */
  selectBody(id: string): Promise<void> {
    this.filter = { type: 'body', id };
    this.openPanel({ type: 'body', id });
    return this.#requestSummary('Highlighting a body');
  }

  /** Highlights the countries of one theme's ISCMs and opens its panel. */
  selectTheme(id: string): Promise<void> {
    this.filter = { type: 'theme', id };
    this.openPanel({ type: 'theme', id });
    return this.#requestSummary('Highlighting a theme');
  }

  clearFilter(): Promise<void> {
    this.filter = { type: 'none' };
    return this.#requestSummary('Clearing the highlight');
  }

  openCountry(iso3: string): void {
    this.openPanel({ type: 'country', iso3 });
  }

  /** Opens a panel and remembers the focused element to return to. */
  openPanel(target: PanelTarget): void {
    if (this.panel === null && document.activeElement instanceof HTMLElement) {
      this.#panelOpener = document.activeElement;
    }
    this.panel = target;
  }

  /** Closes the panel and gives focus back to where it was opened from. */
  closePanel(): void {
    this.panel = null;
    const opener = this.#panelOpener;
    this.#panelOpener = null;
    if (opener?.isConnected) opener.focus();
  }

  async #requestSummary(action: string): Promise<void> {
    const request = ++this.#summaryRequest;
    const requested = { asOf: this.asOf, count: this.count, filter: this.filter };

    try {
      const summary = await query('mapSummary', {
        asOf: requested.asOf ?? undefined,
        count: requested.count,
        filter: requested.filter,
      });
      if (request !== this.#summaryRequest) return;

      // The map now shows a valid state, so earlier map failures are resolved.
      for (const prefix of MAP_ACTIONS) this.errors.clear(prefix);
      this.summary = summary;
      this.#accepted = requested;
      this.#apply(summary.asOf, requested.count);
    } catch (error) {
      if (request !== this.#summaryRequest) return;

      this.asOf = this.#accepted.asOf;
      this.count = this.#accepted.count;
      this.filter = this.#accepted.filter;
      this.errors.report(action, error);
    }
  }

  /** Replaces `applied` only when the day or switches changed. */
  #apply(asOf: string, count: CountSwitches): void {
    const previous = this.applied;
    const same =
      previous !== null &&
      previous.asOf === asOf &&
      sameCount(previous.count, count);
    if (same) return;

    this.applied = { asOf, count };
  }
}

function sameCount(a: CountSwitches, b: CountSwitches): boolean {
  return (
    a.excludeGlobal === b.excludeGlobal &&
    a.includeRoles.length === b.includeRoles.length &&
    a.includeRoles.every((role) => b.includeRoles.includes(role))
  );
}
