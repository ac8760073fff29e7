// Full listings name their organisation only by id. Members know their own
// organisations from /me; officers read others through GET /organizations/{id},
// once per organisation per session.
import { useEffect, useMemo, useState } from 'react';
import { endpoints } from '../api';
import type { MyOrganization } from '../api/types';

export interface OrgSummary {
  id: string;
  name: string;
  kind: string;
}

const cache = new Map<string, Promise<OrgSummary | null>>();

export function resetOrgCache(): void {
  cache.clear();
}

export function loadOrg(id: string): Promise<OrgSummary | null> {
  let p = cache.get(id);
  if (!p) {
    p = endpoints.organization(id).then(
      (o) => ({ id: o.id, name: o.name, kind: o.kind }),
      () => {
        cache.delete(id);
        return null;
      },
    );
    cache.set(id, p);
  }
  return p;
}

/**
 * The organisations behind `ids`: from `known` (the user's own) at once,
 * the others fetched when `fetch` is allowed (officers).
 */
export function useOrgs(ids: string[], known: MyOrganization[] | undefined, fetch: boolean): Record<string, OrgSummary> {
  const [fetched, setFetched] = useState<Record<string, OrgSummary>>({});
  const key = [...new Set(ids)].sort().join(',');
  const mine = useMemo(() => {
    const out: Record<string, OrgSummary> = {};
    for (const id of key ? key.split(',') : []) {
      const o = known?.find((x) => x.id === id);
      if (o) out[id] = { id, name: o.name, kind: o.kind };
    }
    return out;
  }, [key, known]);
  useEffect(() => {
    const missing = (key ? key.split(',') : []).filter((id) => !mine[id]);
    if (!fetch || missing.length === 0) return;
    let cancelled = false;
    void Promise.all(missing.map(loadOrg)).then((list) => {
      if (cancelled) return;
      setFetched((prev) => {
        const next = { ...prev };
        for (const o of list) if (o) next[o.id] = o;
        return next;
      });
    });
    return () => {
      cancelled = true;
    };
  }, [key, mine, fetch]);
  return useMemo(() => ({ ...fetched, ...mine }), [fetched, mine]);
}
