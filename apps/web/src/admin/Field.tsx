import { useEffect, useId, useState, type ReactNode } from 'react';

/**
 * One labelled field of an admin form (`.field`: the label above its control). The control gets
 * the id the label points at, so tests and screen readers find it by its label.
 * @example <Field label={t('backupFolder')}>{(id) => <input id={id} value={folder} onChange={…} />}</Field>
 */
export function Field({ label, children }: { label: ReactNode; children(id: string): ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** A checkbox with its label beside it, as a field of an admin form. */
export function CheckField({ label, checked, onChange, disabled }: { label: ReactNode; checked: boolean; onChange(checked: boolean): void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
    </div>
  );
}

/** A number field: the value as a number (an emptied field gives 0, which the server refuses with its field path). */
export function NumberField({ label, value, onChange, min, max }: { label: ReactNode; value: number; onChange(value: number): void; min?: number; max?: number }) {
  return <Field label={label}>{(id) => <input id={id} type="number" min={min} max={max} value={value} onChange={(e) => onChange(Number(e.target.value))} />}</Field>;
}

/** A file to upload (its content is read when the form is sent). */
export function FileField({ label, accept, onFile }: { label: ReactNode; accept: string; onFile(file: File | undefined): void }) {
  return <Field label={label}>{(id) => <input id={id} type="file" accept={accept} onChange={(e) => onFile(e.target.files?.[0])} />}</Field>;
}

/**
 * The form's copy of what the server has: taken again whenever the query brings new data (after a
 * save or a refetch), edited locally until then. Undefined until the first answer.
 */
export function useDraft<T>(data: T | undefined) {
  const [draft, setDraft] = useState<T>();
  useEffect(() => {
    if (data !== undefined) setDraft(data);
  }, [data]);
  return [draft, setDraft] as const;
}
