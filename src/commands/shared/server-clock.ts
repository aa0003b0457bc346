// "Now" for time windows is the server's clock; before any response has told us its time, one checkLogin asks.
import type { Session } from './session.js';

export async function serverNow(session: Session): Promise<Date> {
  if (!session.client.hasServerClock()) await session.checkLogin();
  return session.client.now();
}
