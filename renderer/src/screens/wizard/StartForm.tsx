/**
 * The answers: the symptom, and the addresses when the user knows them — each field says where to
 * find its value, and a wrong value is marked on the field, in the user's language, before anything
 * runs. A bundle is replayed as it was collected: no "where does this app run" question then.
 */
import { useEffect, useState } from 'react';
import { WIZARD_SYMPTOMS, type WizardSymptom } from '../../../../common/domain.ts';
import { IPV4_PATTERN } from '../../../../common/ipv4.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useAppState, useT } from '../../store/context.tsx';
import type { WizardForm } from '../../store/store.ts';

const IPV4 = IPV4_PATTERN;
const PORT = /^([1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5])$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;

type Field = 'hostIp' | 'vmIp' | 'servicePort' | 'internetTarget' | 'dnsName';
const CHECK: Record<Field, { valid: RegExp; error: MessageKey }> = {
  hostIp: { valid: IPV4, error: 'field.error.ipv4' },
  vmIp: { valid: IPV4, error: 'field.error.ipv4' },
  servicePort: { valid: PORT, error: 'field.error.port' },
  internetTarget: { valid: IPV4, error: 'field.error.ipv4' },
  dnsName: { valid: NAME, error: 'field.error.name' },
};

/** The fields whose (non-empty) value is not valid, with the message for each. */
export function invalidFields(form: WizardForm): Partial<Record<Field, MessageKey>> {
  const out: Partial<Record<Field, MessageKey>> = {};
  for (const [field, rule] of Object.entries(CHECK) as Array<[Field, (typeof CHECK)[Field]]>) {
    const value = form[field].trim();
    if (value && !rule.valid.test(value)) out[field] = rule.error;
  }
  return out;
}

export function StartForm() {
  const t = useT();
  const form = useAppState((s) => s.form);
  const setForm = useAppState((s) => s.setForm);
  const run = useAppState((s) => s.runDiagnosis);
  const busy = useAppState((s) => s.diagnosis.phase === 'loading');
  const appInfo = useAppState((s) => s.appInfo);
  const appInfoLoading = useAppState((s) => s.appInfoLoading);
  const [errors, setErrors] = useState<Partial<Record<Field, MessageKey>>>({});
  const bundle = appInfo?.bundle;
  const adapters = useAppState((s) => s.adapters);
  const loadAdapters = useAppState((s) => s.loadAdapters);
  // On a host, the VM networks' adapters (VMnet8, vboxnet0, virbr0) are the host addresses to propose.
  useEffect(() => {
    if (appInfo && !bundle && adapters.phase === 'idle') void loadAdapters();
  }, [appInfo, bundle, adapters.phase, loadAdapters]);
  const proposals =
    adapters.phase === 'loaded'
      ? adapters.value.adapters
          .filter((a) => a.relevance === 'vm' && a.state === 'up')
          .flatMap((a) =>
            a.ipv4.filter((ip) => !ip.address.startsWith('169.254.')).map((ip) => ({ ip: ip.address, name: a.vmnet ?? a.name })),
          )
          .slice(0, 4)
      : [];
  // A bundle was collected for a symptom: the form starts from it (the student may still pick another).
  const recorded = bundle?.symptom;
  const [fromBundle, setFromBundle] = useState(false);
  useEffect(() => {
    if (fromBundle || !recorded) return;
    setFromBundle(true);
    if ((WIZARD_SYMPTOMS as readonly string[]).includes(recorded)) setForm({ symptom: recorded as WizardSymptom });
  }, [fromBundle, recorded, setForm]);
  // Windows is always the host; on Linux detection decides unless the user says.
  useEffect(() => {
    if (appInfo?.platform === 'windows' && form.role === 'auto') setForm({ role: 'host' });
  }, [appInfo?.platform, form.role, setForm]);

  const input = (field: Field, mode: 'decimal' | 'numeric' | 'text' = 'decimal') => {
    const error = errors[field];
    return (
      <label className={`field${error ? ' invalid' : ''}`}>
        <span className="field-label">{t(`wizard.${field}` as MessageKey)}</span>
        <input
          value={form[field]}
          onChange={(e) => {
            setForm({ [field]: e.target.value });
            if (error) setErrors({ ...errors, [field]: undefined });
          }}
          inputMode={mode === 'text' ? undefined : mode}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${field}-hint${error ? ` ${field}-error` : ''}`}
          data-testid={`field-${field}`}
        />
        <span id={`${field}-hint`} className="hint">
          {t(`wizard.${field}.hint` as MessageKey)}
        </span>
        {error && (
          <span id={`${field}-error`} className="field-error" role="alert" data-testid={`error-${field}`}>
            {t(error)}
          </span>
        )}
      </label>
    );
  };

  return (
    <form
      className="card start-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = invalidFields(form);
        setErrors(found);
        // The first field to mend takes the focus (its error is read out with it), not the Start button.
        const first = Object.keys(found)[0];
        if (first) e.currentTarget.querySelector<HTMLInputElement>(`[data-testid="field-${first}"]`)?.focus();
        else void run();
      }}
    >
      <h2 id="wizard-title">{t('wizard.title')}</h2>
      <p className="muted">{bundle ? t('wizard.introBundle') : t('wizard.intro')}</p>
      <fieldset>
        <legend>{t('wizard.symptom.legend')}</legend>
        {WIZARD_SYMPTOMS.map((s: WizardSymptom) => (
          <label key={s} className="choice">
            <input
              type="radio"
              name="symptom"
              value={s}
              checked={form.symptom === s}
              onChange={() => setForm({ symptom: s })}
              data-testid={`symptom-${s}`}
            />{' '}
            {t(`wizard.symptom.${s}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      {!bundle && (
        <fieldset>
          <legend>{t('wizard.where.legend')}</legend>
          {(['auto', 'host', 'guest'] as const).map((r) => (
            <label key={r} className="choice">
              <input type="radio" name="role" value={r} checked={form.role === r} onChange={() => setForm({ role: r })} />{' '}
              {t(`wizard.where.${r}` as MessageKey)}
            </label>
          ))}
        </fieldset>
      )}
      {!bundle && (
        <div className="field-row">
          <div className="field-group">
            {input('hostIp')}
            {proposals.length > 0 && (
              <div className="proposals" data-testid="host-proposals">
                {proposals.map((p) => (
                  <button key={p.ip} type="button" onClick={() => setForm({ hostIp: p.ip })}>
                    {t('wizard.useAddress', { ip: p.ip, name: p.name })}
                  </button>
                ))}
              </div>
            )}
          </div>
          {input('vmIp')}
        </div>
      )}
      {!bundle && (
        <details>
          <summary>{t('wizard.advanced')}</summary>
          <div className="field-row">
            {input('servicePort', 'numeric')}
            {input('internetTarget')}
            {input('dnsName', 'text')}
          </div>
        </details>
      )}
      <button
        type="submit"
        className="primary"
        // Not before the app has said whether a bundle is open and what it was collected for: a
        // click in that moment would run the form's default symptom instead of the bundle's.
        disabled={busy || appInfoLoading || (!!recorded && !fromBundle) || !!bundle?.unreadable}
        data-testid="run-diagnosis"
      >
        {t('wizard.run')}
      </button>
    </form>
  );
}
