/** Returns the aria-describedby value that links a control to its hint and error. */
export function describedBy(
  id: string,
  error: string | null | undefined,
  hint?: string,
): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null];
  const joined = ids.filter((value) => value !== null).join(' ');
  return joined === '' ? undefined : joined;
}
