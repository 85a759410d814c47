import { useI18n } from '../i18n.js';

/**
 * The `<option>`s of a picker: `first` (the empty choice, value ""), then `current` marked unknown
 * when it is not among `values` (a reference the server does not know), then one per value.
 */
export function Options({ values, first, current }: { values: readonly string[]; first?: string; current?: string }) {
  const { t } = useI18n();
  return (
    <>
      {first !== undefined && <option value="">{first}</option>}
      {current !== undefined && current !== '' && !values.includes(current) && (
        <option value={current}>
          {current} ({t('unknown')})
        </option>
      )}
      {values.map((v) => (
        <option key={v} value={v}>
          {v}
        </option>
      ))}
    </>
  );
}
