import { Fragment, useId, useState } from 'react';
import { outcomeText, parseScript, waitsOf } from '@stumpfworks/engine';
import { useI18n, type TextKey } from '../i18n.js';
import { answeringTargets, expectedText, timeDecisions, variablesOf } from './session.js';
import { useChecked } from '../editor/store.js';
import { CoveragePanel } from './CoveragePanel.js';
import { useSimulator } from './store.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
const DIAL: { token: string; text: TextKey }[] = [
  { token: 'answer', text: 'answer' },
  { token: 'busy', text: 'busy' },
  { token: 'noanswer', text: 'noanswer' },
  { token: 'unavailable', text: 'unavailable' },
];

/** Try the flow as a caller: keys, time-outs, dial and queue outcomes, a virtual clock, a caller ID. */
export function SimulatorPanel() {
  const { t, pick } = useI18n();
  const checked = useChecked();
  const sim = useSimulator();
  const ids = { clock: useId(), zone: useId(), caller: useId(), keys: useId(), script: useId() };
  const [keys, setKeys] = useState('');
  const [script, setScript] = useState('');
  const [scriptError, setScriptError] = useState<string>();
  const transcript = sim.result?.ok ? sim.result.transcript : undefined;
  const waiting = transcript?.waitingFor?.kind;
  const run = () => {
    try {
      setScriptError(undefined);
      sim.setTokens(parseScript(script));
    } catch (error) {
      setScriptError((error as Error).message);
    }
  };
  return (
    <section className="simulator" aria-label={t('simulator')}>
      <h2>{t('simulator')}</h2>
      <div className="sim-settings">
        <label htmlFor={ids.clock}>{t('clock')}</label>
        <div className="sim-clock">
          <input id={ids.clock} type="datetime-local" aria-describedby={ids.zone} value={sim.input.at} onChange={(e) => sim.setClock(e.target.value)} />
          <span id={ids.zone} className="clock-zone" data-testid="clock-zone" title={t('clockZone')}>
            {sim.zone}
          </span>
        </div>
        <label htmlFor={ids.caller}>{t('callerId')}</label>
        <input id={ids.caller} value={sim.input.callerId} onChange={(e) => sim.setCallerId(e.target.value)} />
      </div>
      {!checked.flow ? (
        <p className="hint" role="status">
          {t('flowInvalid')} {checked.diagnostics.length} {t('diagnostics')}
        </p>
      ) : (
        <>
          <div className="dial-pad" role="group" aria-label={t('dialPad')}>
            {KEYS.map((k) => (
              <button key={k} type="button" disabled={waiting !== 'input'} aria-label={`${t('key')} ${k}`} onClick={() => sim.push(k)}>
                {k}
              </button>
            ))}
          </div>
          <div className="sim-row">
            <input id={ids.keys} aria-label={t('key')} placeholder="1002" value={keys} onChange={(e) => setKeys(e.target.value.replace(/[^0-9*#]/g, ''))} size={8} />
            <button type="button" disabled={waiting !== 'input' || keys === ''} onClick={() => (sim.push(keys), setKeys(''))}>
              ↵
            </button>
            <button type="button" disabled={waiting !== 'input'} onClick={() => sim.push('timeout')}>
              {t('letTimeOut')}
            </button>
          </div>
          <div className="sim-row" role="group" aria-label={t('dialOutcomes')}>
            <span>{t('dialOutcomes')}:</span>
            {DIAL.map((d) => (
              <button key={d.token} type="button" disabled={waiting !== 'dial'} onClick={() => sim.push(d.token)}>
                {t(d.text)}
              </button>
            ))}
            {/* Which of the targets rung at once answers (answer:<target>), for a Dial's answeredBy. */}
            {transcript &&
              answeringTargets(transcript).map((target) => (
                <button key={target} type="button" title={`${t('scriptToken')}: answer:${target}`} onClick={() => sim.push(`answer:${target}`)}>
                  {t('answeredBy')} {target}
                </button>
              ))}
          </div>
          <div className="sim-row" role="group" aria-label={t('queueOutcomes')}>
            <span>{t('queueOutcomes')}:</span>
            <button type="button" disabled={waiting !== 'queue'} onClick={() => sim.push('answer')}>
              {t('answer')}
            </button>
            <button type="button" disabled={waiting !== 'queue'} onClick={() => sim.push('overflow')}>
              {t('overflow')}
            </button>
          </div>
          {waitsOf(checked.flow).has('http') && <HttpOutcomes disabled={waiting !== 'http'} push={sim.push} />}
          <div className="sim-row">
            <button type="button" disabled={transcript?.status !== 'waiting'} onClick={() => sim.push('hangup')}>
              {t('callerHangsUp')}
            </button>
            <button type="button" disabled={sim.input.tokens.length === 0} onClick={sim.back}>
              {t('stepBack')}
            </button>
            <button type="button" onClick={sim.restart}>
              {t('restart')}
            </button>
          </div>
          <div className="sim-row">
            <input id={ids.script} aria-label={t('script')} placeholder="2, busy" value={script} onChange={(e) => setScript(e.target.value)} />
            <button type="button" onClick={run}>
              ▶ {t('run')}
            </button>
          </div>
          {scriptError && <p className="error">{scriptError}</p>}
          {sim.refusal && (
            <p className="error" role="alert">
              {t('refused')}: {pick(sim.refusal)}
            </p>
          )}
          {sim.result && !sim.result.ok && <p className="error">{pick(sim.result.message)}</p>}
          <p className="tokens">
            <code>{sim.input.tokens.join(', ') || '—'}</code>
          </p>
        </>
      )}
      <h3>{t('transcript')}</h3>
      <ol className="transcript" data-testid="transcript">
        {transcript?.lines.map((line, i) => (
          <li key={i} className={`line-${line.kind}`}>
            <span className="line-node">{line.nodeId}</span> {pick(line.text)}
          </li>
        ))}
      </ol>
      {checked.flow && transcript && (
        <ul className="time-decisions" data-testid="time-decisions">
          {timeDecisions(checked.flow, transcript).map((d) => (
            <li key={d.nodeId}>
              <span className="line-node">{d.nodeId}</span> {pick(d.text)}
            </li>
          ))}
        </ul>
      )}
      {transcript && <Variables values={variablesOf(transcript)} />}
      {transcript?.waitingFor && (
        <p className="waiting" data-testid="waiting">
          {t('waitsFor')}: <code>{transcript.waitingFor.nodeId}</code> (
          {transcript.waitingFor.expects.map((token, i) => (
            <Fragment key={token}>
              {i > 0 && ', '}
              <span title={`${t('scriptToken')}: ${token}`}>{pick(expectedText(token, transcript.waitingFor!.kind))}</span>
            </Fragment>
          ))}
          )
        </p>
      )}
      {transcript?.outcome && (
        <p className="outcome" data-testid="outcome">
          {pick(outcomeText(transcript.outcome))}
        </p>
      )}
      {checked.flow && <CoveragePanel />}
    </section>
  );
}

/**
 * The web service's answer for an HTTP request node: a 200 with a JSON body, a 500, no connection,
 * or no answer in time. Shown for flows with a node that waits for one (an HTTP request node) only.
 */
function HttpOutcomes({ disabled, push }: { disabled: boolean; push: (token: string) => void }) {
  const { t } = useI18n();
  const [body, setBody] = useState('{}');
  const label = t('httpOutcomes');
  let valid = true;
  try {
    JSON.parse(body);
  } catch {
    valid = false;
  }
  return (
    <div className="sim-row" role="group" aria-label={label}>
      <span>{label}:</span>
      <input aria-label={t('httpBody')} value={body} onChange={(e) => setBody(e.target.value)} size={14} />
      <button type="button" disabled={disabled || !valid} onClick={() => push(`http:200:${body.trim()}`)}>
        200
      </button>
      <button type="button" disabled={disabled} onClick={() => push('http:500')}>
        500
      </button>
      <button type="button" disabled={disabled} onClick={() => push('http:failure')}>
        {t('httpFailure')}
      </button>
      <button type="button" disabled={disabled} onClick={() => push('http:timeout')}>
        {t('httpTimeout')}
      </button>
    </div>
  );
}

/** The call's variables as they are now (the values a Condition or an HTTP request would read). */
function Variables({ values }: { values: [string, string][] }) {
  const { t } = useI18n();
  if (values.length === 0) return null;
  return (
    <>
      <h3>{t('variables')}</h3>
      <dl className="variables" data-testid="variables">
        {values.map(([name, value]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd>{value === '' ? <span className="hint">{t('emptyValue')}</span> : <code>{value}</code>}</dd>
          </Fragment>
        ))}
      </dl>
    </>
  );
}
