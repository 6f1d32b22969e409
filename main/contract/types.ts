/** Result types of the API. Dates are ISO strings (YYYY-MM-DD or YYYY-MM). */

export type Role =
  | 'member'
  | 'observer'
  | 'associate'
  | 'participant'
  | 'suspended';
export type BodyKind = 'iscm' | 'igo';
export type Scope = 'regional' | 'interregional' | 'global';
export type Confidence = 'high' | 'medium' | 'low';

/** The IOM 2020 theme tables that list a body-theme pair: both or only one. */
export type ThemeListing = 'both' | 'area_only' | 'iscm_only';

export interface CountOptions {
  includeRoles: Role[];
  excludeGlobal: boolean;
}

export interface AppInfo {
  baselineDate: string;
  today: string;
  /** The latest as-of day the API accepts: one year after today. */
  maxAsOf: string;
  databasePath: string;
  counts: {
    countries: number;
    bodies: number;
    themes: number;
    bodyThemes: number;
    memberships: number;
    organizations: number;
  };
}

export interface CountryRef {
  iso3: string;
  iso2: string | null;
  /** ISO 3166-1 numeric code, zero-padded ("076"), as world-atlas ids are. */
  numeric: string | null;
  name: string;
  nameFr: string;
  nameEs: string;
  region: string;
  subregion: string;
  /** A representative point, used for a marker where no polygon is drawn. */
  lat: number;
  lng: number;
  /** True when the country takes part in at least one body of the dataset. */
  inDataset: boolean;
}

export interface BodySummary {
  id: string;
  kind: BodyKind;
  shortName: string;
  name: string;
  scope: Scope;
  region: string;
  confidence: Confidence;
  /** Countries with the member role as of the date asked. */
  memberCount: number;
  /** Countries with any role as of the date asked. */
  countryCount: number;
}

export interface BodyDetail extends BodySummary {
  established: string;
  secretariat: string;
  website: string;
  sourceUrl: string;
  membershipNote: string;
}

/** A country's role in a body as of a date, with where it comes from. */
export interface Membership {
  bodyId: string;
  bodyShortName: string;
  bodyKind: BodyKind;
  bodyScope: Scope;
  iso3: string;
  countryName: string;
  role: Role;
  /** Effective date of the change that gave this role; null for the baseline. */
  since: string | null;
  /** A URL or a document reference. */
  source: string;
  sourceQuote: string;
  /** Date of the list the baseline source gives (not a start date). */
  listedAsOf: string;
  note: string;
}

export interface Organization {
  name: string;
  role: 'member' | 'observer' | 'participant';
  sourceUrl: string;
  sourceQuote: string;
}

export interface BodyTheme {
  id: string;
  name: string;
  listing: ThemeListing;
}

export interface BodyProfile {
  asOf: string;
  body: BodyDetail;
  memberships: Membership[];
  themes: BodyTheme[];
  organizations: Organization[];
}

export interface CountryTheme {
  id: string;
  name: string;
  /** Short names of the ISCMs, counted under the count options, with the theme. */
  viaBodies: string[];
}

export interface CountryProfile {
  asOf: string;
  country: CountryRef;
  iscmCount: number;
  count: CountOptions;
  iscms: Membership[];
  igos: Membership[];
  themes: CountryTheme[];
}

export interface MapCountry {
  iso3: string;
  iscmCount: number;
  /** The country's role in the filtered body (best role over a theme's ISCMs). */
  highlight: Role | null;
}

export interface MapSummary {
  asOf: string;
  count: CountOptions;
  filter:
    | { type: 'none' }
    | { type: 'body'; id: string; label: string }
    | { type: 'theme'; id: string; label: string };
  maxCount: number;
  /** Every country with a count above zero or a highlight. */
  countries: MapCountry[];
}

export interface ThemeSummary {
  id: string;
  name: string;
  spellings: string[];
  iscmCount: number;
}

export interface ThemePair {
  bodyId: string;
  themeId: string;
  listing: ThemeListing;
}

export interface ThemeTables {
  themes: ThemeSummary[];
  iscms: { id: string; shortName: string; name: string }[];
  pairs: ThemePair[];
}

export interface SearchHit {
  type: 'country' | 'body' | 'theme';
  id: string;
  label: string;
  /** Why it matched: the code, name or spelling that matched. */
  matched: string;
  detail: string;
}

export interface SearchResults {
  text: string;
  hits: SearchHit[];
}

export interface Settings {
  /** The name recorded as author of changes; null until set. */
  authorName: string | null;
  /** The name used while authorName is null: the operating-system user. */
  defaultAuthor: string;
}
