import type { TicketStatus } from '../api/types';
import { MANUAL_REVIEW } from '../api/types';

export function PriorityBadge({ priority }: { priority: string }) {
  return <span className={`tag priority priority-${priority.toLowerCase()}`}>{priority}</span>;
}

export function StatusBadge({ status, assignedTo }: { status: TicketStatus; assignedTo: string }) {
  const manual = status === 'routed' && assignedTo === MANUAL_REVIEW;
  const label = manual ? 'Manual Review' : status.charAt(0).toUpperCase() + status.slice(1);
  return (
    <span className={`status status-${manual ? 'manual' : status}`} data-testid="status">
      {label}
    </span>
  );
}
