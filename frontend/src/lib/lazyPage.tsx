import { lazy, useState, type ComponentType } from 'react';
import { loadSignedInMessages } from '../i18n';

export interface LazyPage {
  (): React.JSX.Element;
  /** Downloads the page's code; once it is there the page renders without a fallback. */
  preload: () => Promise<void>;
}

/**
 * A page whose code is its own chunk. A page that is not `public` (forms,
 * queues, officer tools) also brings the signed-in part of the messages. Unlike a bare `lazy`, a page whose
 * chunk was preloaded (main.tsx preloads the one the address opens, beside
 * the messages) renders at once, with no fallback painted in between.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>, { public: isPublic = false } = {}): LazyPage {
  let loaded: ComponentType | null = null;
  let loading: Promise<void> | null = null;
  const preload = () =>
    (loading ??= Promise.all([load(), isPublic ? undefined : loadSignedInMessages()]).then(
      ([m]) => {
        loaded = m.default;
      },
      (err: unknown) => {
        loading = null; // a chunk that failed on a weak connection may be tried again
        throw err;
      },
    ));
  const Lazy = lazy(async () => {
    await preload();
    return { default: loaded! };
  });
  function Page() {
    // Chosen once per mount: switching from Lazy to the loaded component later would remount the page.
    const [Component] = useState<ComponentType>(() => loaded ?? Lazy);
    return <Component />;
  }
  Page.preload = preload;
  return Page;
}
