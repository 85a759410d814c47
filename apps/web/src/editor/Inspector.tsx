import { useId, useState } from 'react';
import { nodeTypeDescription, type I18nText } from '@stumpfworks/flow';
import { useResources } from '../api/resources.js';
import { useI18n } from '../i18n.js';
import type { DraftNode } from './draft.js';
import { hoursRules, pairsToText, specialDatesToText, textToPairs, textToSpecialDates, toggleDay, type FieldKind, type HoursRule } from './fields.js';
import { nodeFormFields } from './node-form.js';
import { Options } from './Options.js';
import { PromptEditor } from './PromptEditor.js';
import { useChecked, useDispatch, useEditorState } from './store.js';

/** The form for the one selected node, generated from its type's params schema and labels. */
export function Inspector() {
  const { t } = useI18n();
  // The selected node's object: it changes only when that node is edited, not on every change of the flow.
  const selected = useEditorState((s) => (s.selectedNodes.size === 1 ? s.flow.nodes.find((n) => s.selectedNodes.has(n.id)) : undefined));
  return (
    <section className="inspector" aria-label={t('inspector')}>
      <h2>{t('inspector')}</h2>
      {selected ? <NodeForm key={selected.id} node={selected} /> : <p className="hint">{t('nothingSelected')}</p>}
    </section>
  );
}

function NodeForm({ node }: { node: DraftNode }) {
  const { t, pick } = useI18n();
  const dispatch = useDispatch();
  const checked = useChecked();
  const { resources } = useResources();
  const description = nodeTypeDescription(node.type);
  const labelId = useId();
  const fields = nodeFormFields(node, resources);
  if (!description || !fields) return <p>{node.type}</p>;
  const setParam = (key: string, value: unknown) => {
    const params = { ...node.params };
    if (value === undefined) delete params[key];
    else params[key] = value;
    dispatch({ type: 'updateNode', id: node.id, params });
  };
  const problems = checked.diagnostics.filter((d) => d.nodeId === node.id);
  return (
    <form className="node-form" onSubmit={(e) => e.preventDefault()} aria-label={`${pick(description.label)} ${node.id}`}>
      <p className="node-form-type">
        <strong>{pick(description.label)}</strong> · <code>{node.id}</code>
        <br />
        <small>{pick(description.description)}</small>
      </p>
      <label htmlFor={labelId}>{t('nodeName')}</label>
      <input id={labelId} value={node.label ?? ''} maxLength={80} onChange={(e) => dispatch({ type: 'updateNode', id: node.id, label: e.target.value })} />
      {fields.map(({ key, label, field, valueLabels, options }) => (
        <Field
          key={key}
          label={pick(label)}
          field={field}
          valueLabels={valueLabels}
          {...(options ? { options } : {})}
          value={node.params[key]}
          onChange={(value) => setParam(key, value)}
        />
      ))}
      {problems.length > 0 && (
        <ul className="node-form-problems">
          {problems.map((d, i) => (
            <li key={i} className={d.severity}>
              {pick(d.message)}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

interface FieldProps {
  label: string;
  field: FieldKind;
  value: unknown;
  onChange: (value: unknown) => void;
  /** The server's list for a picker. */
  options?: string[];
  /** The labels of a choice param's values (from the node type), shown in the dropdown instead of the stored values. */
  valueLabels?: Partial<Record<string, I18nText>> | undefined;
}

function Field({ label, field, value, onChange, options, valueLabels }: FieldProps) {
  const id = useId();
  const addId = useId();
  const { t } = useI18n();
  // Bumped when the picker appends to a list, so the list's text box takes the new value.
  const [listVersion, setListVersion] = useState(0);
  switch (field.kind) {
    case 'prompt':
      return <PromptEditor label={label} value={value} onChange={onChange} {...(options ? { uploads: options } : {})} />;
    case 'text':
      if (options) {
        const current = typeof value === 'string' ? value : '';
        return (
          <>
            <label htmlFor={id}>{label}</label>
            <select id={id} className="picker" value={current} onChange={(e) => onChange(e.target.value)}>
              <Options first="—" current={current} values={options} />
            </select>
          </>
        );
      }
      return (
        <>
          <label htmlFor={id}>{label}</label>
          <input id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />
        </>
      );
    case 'number':
      return (
        <>
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            type="number"
            min={field.min}
            max={field.max}
            value={typeof value === 'number' ? value : ''}
            onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
          />
        </>
      );
    case 'select':
      return (
        <>
          <label htmlFor={id}>{label}</label>
          <select id={id} value={value === null || value === undefined ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' && field.nullable ? null : e.target.value)}>
            <Options {...(field.nullable ? { first: t('noChoice') } : {})} values={field.options} labels={valueLabels} />
          </select>
        </>
      );
    case 'list':
      return (
        <>
          <label htmlFor={id}>
            {label} <small>({t('listHint')})</small>
          </label>
          <TextBuffer
            key={listVersion}
            id={id}
            initial={Array.isArray(value) ? value.join(', ') : ''}
            onText={(text) => onChange(text.split(',').map((s) => s.trim()).filter((s) => s !== ''))}
          />
          {options && (
            <select
              id={addId}
              className="picker"
              aria-label={`${label}: ${t('pickerAdd')}`}
              value=""
              onChange={(e) => {
                const list = Array.isArray(value) ? (value as string[]) : [];
                if (e.target.value && !list.includes(e.target.value)) onChange([...list, e.target.value]);
                setListVersion((v) => v + 1);
              }}
            >
              <Options first={`+ ${t('pickerAdd')}…`} values={options} />
            </select>
          )}
        </>
      );
    case 'pairs':
      return (
        <>
          <label htmlFor={id}>
            {label} <small>({field.keys.join(' = ')})</small>
          </label>
          <TextBuffer id={id} multiline initial={pairsToText(value, field.keys)} onText={(text) => onChange(textToPairs(text, field.keys))} />
        </>
      );
    case 'hours':
      return <HoursField label={label} value={value} onChange={onChange} />;
    case 'dates':
      return (
        <>
          <label htmlFor={id}>
            {label} <small>({t('datesHint')})</small>
          </label>
          <TextBuffer id={id} multiline initial={specialDatesToText(value)} onText={(text) => onChange(textToSpecialDates(text))} />
        </>
      );
    case 'json':
      return (
        <>
          <label htmlFor={id}>{label} (JSON)</label>
          <TextBuffer id={id} multiline initial={JSON.stringify(value ?? null, null, 1)} onText={(text) => tryJson(text, onChange)} />
        </>
      );
  }
}

/** Opening hours: one row per time range, with a box per weekday and two time inputs. */
function HoursField({ label, value, onChange }: { label: string; value: unknown; onChange: (value: unknown) => void }) {
  const { t, weekdays } = useI18n();
  const rules = hoursRules(value);
  const set = (next: HoursRule[]) => onChange(next);
  const update = (index: number, patch: Partial<HoursRule>) => set(rules.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <fieldset className="hours">
      <legend>{label}</legend>
      {rules.length === 0 && <p className="hint">{t('hoursNone')}</p>}
      {rules.map((rule, index) => {
        const name = `${t('hoursRange')} ${index + 1}`;
        return (
          <div key={index} className="hours-rule" role="group" aria-label={name}>
            <div className="hours-days">
              {weekdays.map(({ day, short, long }) => (
                <label key={day} title={long}>
                  <input type="checkbox" aria-label={`${name}: ${long}`} checked={rule.days.includes(day)} onChange={(e) => set(toggleDay(rules, index, day, e.target.checked))} />
                  {short}
                </label>
              ))}
            </div>
            <label>
              {t('hoursFrom')}{' '}
              <input type="time" aria-label={`${name}: ${t('hoursFrom')}`} value={rule.from} onChange={(e) => update(index, { from: e.target.value })} />
            </label>
            <label>
              {t('hoursTo')}{' '}
              <input
                type="time"
                aria-label={`${name}: ${t('hoursTo')}`}
                value={rule.to === '24:00' ? '23:59' : rule.to}
                onChange={(e) => update(index, { to: e.target.value === '23:59' ? '24:00' : e.target.value })}
              />
            </label>
            {rule.from !== '' && rule.to !== '' && rule.to < rule.from && <small className="hint">{t('hoursOvernight')}</small>}
            <button type="button" aria-label={`${name}: ${t('hoursRemove')}`} onClick={() => set(rules.filter((_, i) => i !== index))}>
              {t('hoursRemove')}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => set([...rules, { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }])}>
        + {t('hoursAdd')}
      </button>
    </fieldset>
  );
}

function tryJson(text: string, onChange: (value: unknown) => void) {
  try {
    onChange(JSON.parse(text));
  } catch (error) {
    // Half-typed JSON stays in the text box until it parses; the last valid value stays in the flow.
    console.debug('inspector: not JSON yet', (error as Error).message);
  }
}

/** A text box that keeps what is typed (a trailing comma, half-typed JSON) while the value is derived from it. */
function TextBuffer({ id, initial, onText, multiline }: { id: string; initial: string; onText: (text: string) => void; multiline?: boolean }) {
  const [text, setText] = useState(initial);
  const change = (next: string) => {
    setText(next);
    onText(next);
  };
  return multiline ? (
    <textarea id={id} rows={4} value={text} onChange={(e) => change(e.target.value)} />
  ) : (
    <input id={id} value={text} onChange={(e) => change(e.target.value)} />
  );
}
