/**
 * Stands in for the insights chart in component tests (vi.mock('…/insights/Chart', ...)): canvas drawing is the
 * browser test's business; here a chart is its label.
 */
export function Chart({ label }: { label: string }) {
  return <p>{label}</p>;
}
