/**
 * The operating-system user running the process (the default operator of a desk record, the CUPS
 * job's user); `fallback` where the system cannot say (no passwd entry in a container).
 */
import { userInfo } from 'node:os';

export function loginName(fallback: string): string {
  try {
    return userInfo().username;
  } catch {
    return fallback;
  }
}
