import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import { type Translate, translator } from '../i18n/index.ts';
import type { AppState, AppStore } from './store.ts';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useAppState<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreProvider is missing');
  return useStore(store, selector);
}

export function useT(): Translate {
  const language = useAppState((s) => s.language);
  return translator(language);
}
