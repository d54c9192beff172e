import { useEffect } from 'react';
import type { ExplainedLiveAdapter } from '../../../common/domain.ts';
import { useAppState, useT } from '../store/context.tsx';

export function AdaptersScreen() {
  const t = useT();
  const adapters = useAppState((s) => s.adapters);
  const loadAdapters = useAppState((s) => s.loadAdapters);

  useEffect(() => {
    if (adapters.phase === 'idle') void loadAdapters();
  }, [adapters.phase, loadAdapters]);

  const busy = adapters.phase === 'loading' || adapters.phase === 'idle';
  return (
    <section aria-labelledby="adapters-title" className="screen">
      <header className="screen-header">
        <h2 id="adapters-title">{t('adapters.title')}</h2>
        <button type="button" onClick={() => void loadAdapters()} disabled={busy}>
          {t('adapters.refresh')}
        </button>
      </header>
      {busy && (
        <p role="status" className="progress" data-testid="adapters-loading">
          <span className="spinner" aria-hidden="true" /> {t('adapters.loading')}
        </p>
      )}
      {adapters.phase === 'error' && (
        <div role="alert" className="error-box" data-testid="adapters-error">
          <strong>{t('adapters.error')}</strong>: {adapters.error.message}
          <p>{t('adapters.errorHint')}</p>
        </div>
      )}
      {adapters.phase === 'loaded' && adapters.value.probe.status !== 'ok' && (
        <div role="alert" className="error-box" data-testid="adapters-error">
          <strong>{t('adapters.error')}</strong>: {adapters.value.probe.error ?? adapters.value.probe.status}
          <p>{t('adapters.errorHint')}</p>
          <code>{adapters.value.probe.command}</code>
        </div>
      )}
      {adapters.phase === 'loaded' && adapters.value.probe.status === 'ok' && (
        <>
          {adapters.value.adapters.length === 0 ? (
            <p data-testid="adapters-empty">{t('adapters.empty')}</p>
          ) : (
            <AdapterTable adapters={adapters.value.adapters} />
          )}
          <p className="muted">
            {t('adapters.count', { count: adapters.value.adapters.length })} · {t('adapters.probeCommand')}:{' '}
            <code>{adapters.value.probe.command}</code> · {t('adapters.probeTime', { ms: adapters.value.probe.durationMs })}
          </p>
        </>
      )}
    </section>
  );
}

function AdapterTable({ adapters }: { adapters: ExplainedLiveAdapter[] }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  return (
    <table className="adapters" data-testid="adapters-table">
      <thead>
        <tr>
          <th scope="col">{t('adapters.col.name')}</th>
          <th scope="col">{t('adapters.col.state')}</th>
          <th scope="col">{t('adapters.col.ipv4')}</th>
          <th scope="col">{t('adapters.col.mac')}</th>
          <th scope="col">{t('adapters.col.category')}</th>
          <th scope="col">{t('adapters.col.meaning')}</th>
        </tr>
      </thead>
      <tbody>
        {adapters.map((a) => (
          <tr key={`${a.index ?? ''}-${a.name}`} data-testid="adapter-row" data-adapter-name={a.name}>
            <th scope="row">
              <span className="adapter-name">{a.name}</span>
              {a.description && <span className="muted block">{a.description}</span>}
            </th>
            <td>
              {/* A switched-off adapter matters only when VMs use it: others (ifb0, a spare NIC) stay quiet. */}
              <span className={`state state-${a.state}${a.relevance === 'vm' ? '' : ' state-quiet'}`}>
                {t(`state.${a.state}`)}
              </span>
            </td>
            <td>
              {a.ipv4.length === 0 ? (
                <span className="muted">{t('common.none')}</span>
              ) : (
                a.ipv4.map((ip) => (
                  <span key={ip.address} className="block mono">
                    {ip.address} / {ip.mask}
                  </span>
                ))
              )}
            </td>
            <td>
              <span className="mono">{a.mac ?? '—'}</span>
              {a.macVendor && <span className="muted block">{t('adapters.macVendor', { vendor: a.macVendor })}</span>}
            </td>
            <td>
              {t(`category.${a.category}`)}
              {a.vmnet && <span className="muted"> ({a.vmnet})</span>}
            </td>
            <td className="small">{a.explanation[language]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
