import type { AnnotationTarget } from '../../../main/contract/index.js';
import type { AtlasState } from '../state/atlas.svelte';

/** Names what a note is about, e.g. "Mali", "AU" or "Mali in AU". */
export function describeTarget(atlas: AtlasState, target: AnnotationTarget): string {
  const country = (iso3: string) => atlas.countryByIso3.get(iso3)?.name ?? iso3;
  const body = (id: string) => atlas.bodyById.get(id)?.shortName ?? id;

  switch (target.type) {
    case 'country':
      return country(target.iso3);
    case 'body':
      return body(target.bodyId);
    case 'membership':
      return `${country(target.iso3)} in ${body(target.bodyId)}`;
  }
}

/** Opens the panel that lists a note: the country's, or the body's. */
export function openTarget(atlas: AtlasState, target: AnnotationTarget): void {
  if (target.type === 'body') atlas.openPanel({ type: 'body', id: target.bodyId });
  else atlas.openCountry(target.iso3);
}
