// Unsaved form input, kept in memory while the user types. When the session ends the drafts are written to
// sessionStorage with the current route (see session.ts) and handed back after the next sign-in.

const drafts = new Map<string, Record<string, string>>();
let restored: Record<string, Record<string, string>> = {};

export function setDraft(key: string, values: Record<string, string>): void {
  drafts.set(key, values);
}

export function clearDraft(key: string): void {
  drafts.delete(key);
  delete restored[key];
}

export function allDrafts(): Record<string, Record<string, string>> {
  return Object.fromEntries(drafts);
}

/** A draft brought back after a sign-in; kept until the form saves or resets it (clearDraft). */
export function restoredDraft(key: string): Record<string, string> | undefined {
  return restored[key];
}

export function restoreDrafts(d: Record<string, Record<string, string>>): void {
  restored = { ...d };
}

export function resetDrafts(): void {
  drafts.clear();
  restored = {};
}
