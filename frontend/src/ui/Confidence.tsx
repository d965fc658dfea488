import { bandOf, percent } from './format';

const BAND_LABEL = { high: 'High', medium: 'Medium', low: 'Low', none: 'None' } as const;

/** Confidence as a bar with its band, so agents read "how sure" at a glance and the number on demand. */
export function ConfidenceMeter({ confidence, compact = false }: { confidence: number | null; compact?: boolean }) {
  const band = bandOf(confidence);
  const value = confidence ?? 0;
  const label = band === 'none' ? 'No confidence score' : `${BAND_LABEL[band]} confidence, ${percent(confidence)}`;
  return (
    <div className={`confidence band-${band}${compact ? ' compact' : ''}`} data-testid="confidence" data-band={band}>
      <div
        className="bar"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={1}
        aria-valuenow={value}
        aria-valuetext={label}
        aria-label="Confidence"
      >
        <div className="fill" style={{ width: `${Math.round(value * 100)}%` }} />
      </div>
      <span className="confidence-text">
        {band === 'none' ? 'no score' : compact ? percent(confidence) : `${percent(confidence)} · ${BAND_LABEL[band]}`}
      </span>
    </div>
  );
}
