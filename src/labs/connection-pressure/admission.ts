/**
 * Whether a database lets one more client in: the rules a real Postgres applies at login, as a pure function.
 * The figures come from the real catalog (`max_connections`, `pg_roles.rolconnlimit`) and the lab's count of
 * open connections. The messages are the ones Postgres sends, with SQLSTATE 53300 (too_many_connections).
 */

export interface LoginState {
  readonly maxConnections: number;
  readonly open: number;
  readonly openForRole: number;
  /** `rolconnlimit`: -1 means no limit; null means the role does not exist. */
  readonly roleLimit: number | null;
}

export type Admission = { readonly admitted: true } | { readonly admitted: false; readonly code: string; readonly message: string };

export function admit(role: string, state: LoginState): Admission {
  if (state.roleLimit === null) return { admitted: false, code: '28000', message: `role "${role}" does not exist` };
  if (state.open >= state.maxConnections) return { admitted: false, code: '53300', message: 'sorry, too many clients already' };
  if (state.roleLimit >= 0 && state.openForRole >= state.roleLimit) {
    return { admitted: false, code: '53300', message: `too many connections for role "${role}"` };
  }
  return { admitted: true };
}
