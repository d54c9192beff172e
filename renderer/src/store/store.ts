/**
 * The app state: a zustand store made of slices, created by a factory that receives the API, so
 * components can be tested with a fake API and e2e runs with the real one.
 */
import { createStore, type StateCreator } from 'zustand/vanilla';
import type { VmnetDoctorApi } from '../../../common/contract.ts';
import type {
  AdapterListing,
  AppInfo,
  DiagnosisView,
  FixId,
  FixPreview,
  FixRunResult,
  IpconfigExplanation,
  JournalSummary,
  ProbeProgressEvent,
  WizardSymptom,
} from '../../../common/domain.ts';
import type { OpError } from '../../../common/result.ts';
import { type Language, languageFor } from '../i18n/index.ts';

export interface SettingsSlice {
  language: Language;
  appInfo: AppInfo | null;
  /** True until app.info has answered (or failed): a bundle's recorded answers are not known before. */
  appInfoLoading: boolean;
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

export type Screen = 'diagnose' | 'adapters' | 'explain';

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

export interface WizardForm {
  symptom: WizardSymptom;
  role: 'auto' | 'host' | 'guest';
  hostIp: string;
  vmIp: string;
  servicePort: string;
  internetTarget: string;
  dnsName: string;
}

export interface WizardSlice {
  form: WizardForm;
  /** The answers form is shown until the checks start; "Change answers" opens it again. */
  formOpen: boolean;
  editAnswers: () => void;
  diagnosis: LoadState<DiagnosisView>;
  /** Probes running now and finished ones, newest last, while a diagnosis runs. */
  progress: ProbeProgressEvent[];
  setForm: (patch: Partial<WizardForm>) => void;
  runDiagnosis: () => Promise<void>;
  /** Re-runs with the same answers (after a fix: the checks turn green, the picture heals). */
  rerunDiagnosis: () => Promise<void>;
  onProgress: (event: ProbeProgressEvent) => void;
}

export interface FixesSlice {
  preview: LoadState<FixPreview> | null;
  applying: boolean;
  lastResult: FixRunResult | null;
  history: LoadState<JournalSummary[]>;
  previewFix: (fixId: FixId, params: Record<string, string>) => Promise<void>;
  closePreview: () => void;
  /** The previews of every fix the diagnosis offers, without opening any (for a report's exact commands). */
  previewOffered: () => Promise<FixPreview[]>;
  applyPreviewed: () => Promise<void>;
  undo: (journalId: string) => Promise<void>;
  loadHistory: () => Promise<void>;
}

export type AppState = SettingsSlice & AdaptersSlice & NavigationSlice & ExplainSlice & WizardSlice & FixesSlice;
type Slice<T> = StateCreator<AppState, [], [], T>;

/** Where the user's language choice is kept between runs (localStorage in the app; nothing in tests). */
export interface LanguageMemory {
  remembered: Language | null;
  remember: (language: Language) => void;
}
const NO_MEMORY: LanguageMemory = { remembered: null, remember: () => {} };

const settingsSlice =
  (api: VmnetDoctorApi, initialLanguage: Language, memory: LanguageMemory): Slice<SettingsSlice> =>
  (set, get) => ({
    language: memory.remembered ?? initialLanguage,
    appInfo: null,
    appInfoLoading: true,
    setLanguage: (language) => {
      memory.remember(language);
      set({ language });
    },
    loadAppInfo: async () => {
      const result = await api['app.info']({});
      if (!result.ok) return set({ appInfoLoading: false });
      // A language the user chose (now or on an earlier run) wins over the system's. In the browser
      // harness the reader is the browser's user: its language, not the serving machine's.
      const hadChoice = memory.remembered !== null || get().language !== initialLanguage;
      const browser = result.value.shell === 'harness' ? globalThis.navigator?.language : undefined;
      set({
        appInfo: result.value,
        appInfoLoading: false,
        ...(hadChoice ? {} : { language: languageFor(browser || result.value.locale) }),
      });
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
  screen: 'diagnose',
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

const optionalIp = (value: string) => (value.trim() ? value.trim() : undefined);

const wizardSlice =
  (api: VmnetDoctorApi): Slice<WizardSlice> =>
  (set, get) => ({
    form: {
      symptom: 'vm-cannot-ping-host',
      role: 'auto',
      hostIp: '',
      vmIp: '',
      servicePort: '',
      internetTarget: '',
      dnsName: '',
    },
    diagnosis: { phase: 'idle' },
    progress: [],
    formOpen: true,
    editAnswers: () => set({ formOpen: true }),
    setForm: (patch) => set({ form: { ...get().form, ...patch } }),
    runDiagnosis: async () => {
      const f = get().form;
      set({ diagnosis: { phase: 'loading' }, progress: [], formOpen: false, preview: null, lastResult: null });
      const port = Number(f.servicePort);
      const result = await api['diagnose.run']({
        symptom: f.symptom,
        role: f.role,
        ...(optionalIp(f.hostIp) ? { hostIp: f.hostIp.trim() } : {}),
        ...(optionalIp(f.vmIp) ? { vmIp: f.vmIp.trim() } : {}),
        ...(f.servicePort.trim() && Number.isInteger(port) ? { servicePorts: [port] } : {}),
        ...(optionalIp(f.internetTarget) ? { internetTargets: [f.internetTarget.trim()] } : {}),
        ...(f.dnsName.trim() ? { dnsName: f.dnsName.trim() } : {}),
      });
      set({
        diagnosis: result.ok ? { phase: 'loaded', value: result.value } : { phase: 'error', error: result.error },
        formOpen: !result.ok,
      });
    },
    rerunDiagnosis: async () => {
      // Keeps what the last fix did on screen while the checks run again.
      const { preview, lastResult } = get();
      await get().runDiagnosis();
      set({ preview, lastResult });
    },
    onProgress: (event) => {
      if (get().diagnosis.phase === 'loading') set({ progress: [...get().progress, event].slice(-200) });
    },
  });

const fixesSlice =
  (api: VmnetDoctorApi): Slice<FixesSlice> =>
  (set, get) => ({
    preview: null,
    applying: false,
    lastResult: null,
    history: { phase: 'idle' },
    previewFix: async (fixId, params) => {
      set({ preview: { phase: 'loading' }, lastResult: null });
      const result = await api['fix.preview']({ fixId, params });
      set({ preview: result.ok ? { phase: 'loaded', value: result.value } : { phase: 'error', error: result.error } });
    },
    closePreview: () => set({ preview: null }),
    previewOffered: async () => {
      const d = get().diagnosis;
      if (d.phase !== 'loaded') return [];
      const offers = d.value.report.findings.flatMap((f) => f.offers);
      const results = await Promise.all(offers.map((o) => api['fix.preview']({ fixId: o.fix, params: o.params })));
      return results.flatMap((r) => (r.ok ? [r.value] : []));
    },
    applyPreviewed: async () => {
      const preview = get().preview;
      if (preview?.phase !== 'loaded' || !preview.value.canApply) return;
      set({ applying: true, lastResult: null });
      const result = await api['fix.apply']({ fixId: preview.value.fixId, params: preview.value.params });
      set({
        applying: false,
        lastResult: result.ok ? result.value : { status: 'invalid', evidence: result.error.message },
      });
      await Promise.all([get().loadHistory(), get().rerunDiagnosis()]);
    },
    undo: async (journalId) => {
      set({ applying: true });
      const result = await api['fix.undo']({ journalId });
      set({ applying: false, lastResult: result.ok ? result.value : { status: 'invalid', evidence: result.error.message } });
      await Promise.all([get().loadHistory(), get().rerunDiagnosis()]);
    },
    loadHistory: async () => {
      const result = await api['fix.history']({});
      set({ history: result.ok ? { phase: 'loaded', value: result.value } : { phase: 'error', error: result.error } });
    },
  });

/** `seed` overrides the initial state (component tests render a given diagnosis with it). */
export function createAppStore(
  api: VmnetDoctorApi,
  initialLanguage: Language = 'en',
  seed: Partial<AppState> = {},
  memory: LanguageMemory = NO_MEMORY,
) {
  return createStore<AppState>()((...args) => ({
    ...settingsSlice(api, initialLanguage, memory)(...args),
    ...adaptersSlice(api)(...args),
    ...navigationSlice(...args),
    ...explainSlice(api)(...args),
    ...wizardSlice(api)(...args),
    ...fixesSlice(api)(...args),
    ...seed,
  }));
}
export type AppStore = ReturnType<typeof createAppStore>;
