import { useI18n } from '../i18n.js';
import { reasonOf } from '../api/useApi.js';
import { RANGES, useTraffic, type TrafficRange } from './store.js';

/** The toolbar's traffic controls: on/off, then the version, the time range, live, and the calls counted. */
export function TrafficBar() {
  const { t, language } = useI18n();
  const { settings, change, answer, error } = useTraffic();
  return (
    <span className="traffic-bar" role="group" aria-label={t('traffic')}>
      <label>
        <input type="checkbox" checked={settings.on} onChange={(e) => change({ on: e.target.checked })} /> {t('trafficShow')}
      </label>
      {settings.on && (
        <>
          <label>
            {t('trafficVersion')}{' '}
            <select
              aria-label={t('trafficVersion')}
              value={settings.version ?? ''}
              onChange={(e) => change({ version: e.target.value === '' ? undefined : Number(e.target.value) })}
            >
              <option value="">
                {t('trafficLiveVersion')}
                {answer?.liveVersion ? ` (v${answer.liveVersion})` : ''}
              </option>
              {answer?.versions.map((v) => (
                <option key={v} value={v}>
                  v{v}
                </option>
              ))}
            </select>
          </label>
          <select aria-label={t('trafficRange')} value={settings.range} onChange={(e) => change({ range: e.target.value as TrafficRange })}>
            {(Object.keys(RANGES) as TrafficRange[]).map((r) => (
              <option key={r} value={r}>
                {t(r === 'hour' ? 'trafficLastHour' : r === 'day' ? 'trafficLast24h' : 'trafficLast7d')}
              </option>
            ))}
          </select>
          <label title={t('trafficLiveHint')}>
            <input type="checkbox" checked={settings.live} onChange={(e) => change({ live: e.target.checked })} /> {t('trafficLive')}
          </label>
          {answer && (
            <span className="traffic-summary" data-testid="traffic-calls" title={answer.keptSince ? `${t('trafficKeptSince')} ${new Date(answer.keptSince).toLocaleString(language)}` : undefined}>
              {answer.liveVersion === null && settings.version === undefined ? t('trafficNoVersion') : `v${answer.version}: ${answer.calls} ${t(answer.calls === 1 ? 'trafficCall' : 'trafficCalls')}`}
            </span>
          )}
          {error !== null && error !== undefined && (
            <span className="error" role="alert">
              {t('trafficFailed')}: {reasonOf(error)}
            </span>
          )}
        </>
      )}
    </span>
  );
}
