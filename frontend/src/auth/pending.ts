// What must survive the trip to the login page and back: the PKCE verifier and state of the authorization
// request, and where (and with what on screen) the user was. Never tokens: those stay in memory.
// sessionStorage is per tab and gone when the tab closes.

const PENDING = 'gs.pendingLogin';
const RESUME = 'gs.resume';
const FORCE_LOGIN = 'gs.forceLogin';

export interface PendingLogin {
  state: string;
  verifier: string;
  nonce: string;
}

export interface Resume {
  /** Path and query of the page the user was on. */
  path: string;
  /** Unsaved form input by draft key. */
  drafts: Record<string, Record<string, string>>;
}

function read<T>(key: string): T | null {
  const raw = sessionStorage.getItem(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    sessionStorage.removeItem(key);
    return null;
  }
}

export const pendingLogin = {
  save: (p: PendingLogin) => sessionStorage.setItem(PENDING, JSON.stringify(p)),
  /** Returns and forgets the pending request: a callback can use it once. */
  take(): PendingLogin | null {
    const p = read<PendingLogin>(PENDING);
    sessionStorage.removeItem(PENDING);
    return p;
  },
};

export const resume = {
  save: (r: Resume) => sessionStorage.setItem(RESUME, JSON.stringify(r)),
  peek: () => read<Resume>(RESUME),
  take(): Resume | null {
    const r = read<Resume>(RESUME);
    sessionStorage.removeItem(RESUME);
    return r;
  },
};

/** After a log-out or a rejected token, the next sign-in asks for the password even if the auth session lives. */
export const forceLogin = {
  set: () => sessionStorage.setItem(FORCE_LOGIN, '1'),
  isSet: () => sessionStorage.getItem(FORCE_LOGIN) === '1',
  clear: () => sessionStorage.removeItem(FORCE_LOGIN),
};
