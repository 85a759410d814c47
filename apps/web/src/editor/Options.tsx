import type { I18nText } from '@stumpfworks/flow';
import { useI18n } from '../i18n.js';

/**
 * The `<option>`s of a picker: `first` (the empty choice, value ""), then `current` marked unknown
 * when it is not among `values` (a reference the server does not know), then one per value, shown
 * by its label in the UI language when `labels` has one (the stored value stays the same).
 */
export function Options({
  values,
  first,
  current,
  labels,
}: {
  values: readonly string[];
  first?: string;
  current?: string;
  labels?: Partial<Record<string, I18nText>> | undefined;
}) {
  const { t, pick } = useI18n();
  const labelOf = (value: string) => {
    const label = labels?.[value];
    return label ? pick(label) : value;
  };
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
          {labelOf(v)}
        </option>
      ))}
    </>
  );
}
