/**
 * The app state: a zustand store made of slices, created by a factory that receives the API, so
 * components can be tested with a fake API and e2e runs with the real one.
 */
import { createStore, type StateCreator } from 'zustand/vanilla';
import type { VmnetDoctorApi } from '../../../common/contract.ts';
import type { AdapterListing, AppInfo, IpconfigExplanation } from '../../../common/domain.ts';
import type { OpError } from '../../../common/result.ts';
import { type Language, languageFor } from '../i18n/index.ts';

export interface SettingsSlice {
  language: Language;
  appInfo: AppInfo | null;
  setLanguage: (language: Language) => void;
  loadAppInfo: () => Promise<void>;
}

export type LoadState<T> =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'loaded'; value: T }
  | { phase: 'error'; error: OpError };

export interface AdaptersSlice {
  adapters: LoadState<AdapterListing>;
  loadAdapters: () => Promise<void>;
}

export type Screen = 'adapters' | 'explain';

export interface NavigationSlice {
  screen: Screen;
  setScreen: (screen: Screen) => void;
}

export interface ExplainSlice {
  explainText: string;
  explanation: LoadState<IpconfigExplanation>;
  setExplainText: (text: string) => void;
  explainPasted: () => Promise<void>;
  explainThisMachine: () => Promise<void>;
}

export type AppState = SettingsSlice & AdaptersSlice & NavigationSlice & ExplainSlice;
type Slice<T> = StateCreator<AppState, [], [], T>;

const settingsSlice =
  (api: VmnetDoctorApi, initialLanguage: Language): Slice<SettingsSlice> =>
  (set, get) => ({
    language: initialLanguage,
    appInfo: null,
    setLanguage: (language) => set({ language }),
    loadAppInfo: async () => {
      const result = await api['app.info']({});
      if (!result.ok) return;
      const hadChoice = get().language !== initialLanguage;
      set({ appInfo: result.value, ...(hadChoice ? {} : { language: languageFor(result.value.locale) }) });
    },
  });

const adaptersSlice =
  (api: VmnetDoctorApi): Slice<AdaptersSlice> =>
  (set) => ({
    adapters: { phase: 'idle' },
    loadAdapters: async () => {
      set({ adapters: { phase: 'loading' } });
      const result = await api['adapters.list']({});
      set({ adapters: result.ok ? { phase: 'loaded', value: result.value } : { phase: 'error', error: result.error } });
    },
  });

const navigationSlice: Slice<NavigationSlice> = (set) => ({
  screen: 'adapters',
  setScreen: (screen) => set({ screen }),
});

const explainSlice =
  (api: VmnetDoctorApi): Slice<ExplainSlice> =>
  (set, get) => ({
    explainText: '',
    explanation: { phase: 'idle' },
    setExplainText: (explainText) => set({ explainText }),
    explainPasted: async () => {
      set({ explanation: { phase: 'loading' } });
      const result = await api['explain.ipconfig']({ text: get().explainText });
      set({ explanation: result.ok ? { phase: 'loaded', value: result.value } : { phase: 'error', error: result.error } });
    },
    explainThisMachine: async () => {
      set({ explanation: { phase: 'loading' } });
      const result = await api['explain.thisMachine']({});
      set({ explanation: result.ok ? { phase: 'loaded', value: result.value } : { phase: 'error', error: result.error } });
    },
  });

export function createAppStore(api: VmnetDoctorApi, initialLanguage: Language = 'en') {
  return createStore<AppState>()((...args) => ({
    ...settingsSlice(api, initialLanguage)(...args),
    ...adaptersSlice(api)(...args),
    ...navigationSlice(...args),
    ...explainSlice(api)(...args),
  }));
}
export type AppStore = ReturnType<typeof createAppStore>;
