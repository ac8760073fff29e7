// GET /api/v1/config, loaded once: province name, demo accounts, version.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { endpoints } from '../api';
import type { AppConfig } from '../api/types';

const ConfigContext = createContext<AppConfig | null>(null);

export function ConfigProvider({ children, initial = null }: { children: ReactNode; initial?: AppConfig | null }) {
  const [config, setConfig] = useState<AppConfig | null>(initial);
  useEffect(() => {
    if (initial) return;
    let cancelled = false;
    const load = (attempt: number) => {
      endpoints
        .config()
        .then((c) => {
          if (!cancelled) setConfig(c);
        })
        .catch(() => {
          // Weak connections: retry a few times with a growing delay.
          if (!cancelled && attempt < 4) setTimeout(() => load(attempt + 1), 1000 * 2 ** attempt);
        });
    };
    load(0);
    return () => {
      cancelled = true;
    };
  }, [initial]);
  return <ConfigContext.Provider value={config}>{children}</ConfigContext.Provider>;
}

/** The server configuration, or null while it loads. */
export function useConfig(): AppConfig | null {
  return useContext(ConfigContext);
}

export function provinceName(config: AppConfig | null, lang: string): string {
  if (!config) return '';
  return (lang === 'en' ? config.province.en : config.province.vi) || config.province.vi || '';
}
