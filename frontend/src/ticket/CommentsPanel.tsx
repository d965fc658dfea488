import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { Comment } from '../api/types';
import { isAgent, useCaller } from '../auth/Session';
import { useLiveEvent } from '../live/LiveUpdates';
import { formatDate } from '../ui/format';

function add(comments: Comment[], comment: Comment): Comment[] {
  return comments.some((c) => c.id === comment.id) ? comments : [...comments, comment].sort((a, b) => a.id - b.id);
}

export function CommentsPanel({ ticketId }: { ticketId: number }) {
  const [comments, setComments] = useState<Comment[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [sendError, setSendError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [internal, setInternal] = useState(false);
  const agent = isAgent(useCaller());
  const id = useId();

  const load = useCallback(
    () =>
      api.comments(ticketId).then(
        (loaded) => {
          setComments((current) => (current ?? []).reduce(add, loaded));
          setLoadError(null);
        },
        (e: unknown) => setLoadError(e instanceof Error ? e.message : 'The comments could not be loaded.'),
      ),
    [ticketId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  useLiveEvent('new_comment', (comment) => {
    if (comment.ticket_id === ticketId) setComments((current) => add(current ?? [], comment));
  });
  useLiveEvent('resync', () => void load());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const comment = await api.addComment(ticketId, text, internal);
      setComments((current) => add(current ?? [], comment));
      setText('');
      setInternal(false);
      setSendError(null);
    } catch (e) {
      setSendError(e instanceof ApiError ? e : new ApiError(0, 'The comment could not be added.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-heading`} data-testid="comments">
      <h2 id={`${id}-heading`}>
        Comments {comments && comments.length > 0 && <span className="count">{comments.length}</span>}
      </h2>
      {loadError && (
        <p className="field-error" role="alert">
          {loadError}
        </p>
      )}
      {comments && comments.length === 0 && <p className="subtle">No comments yet.</p>}
      {comments && comments.length > 0 && (
        <ol className="comments" aria-live="polite">
          {comments.map((comment) => (
            <li key={comment.id} className={comment.internal ? 'comment internal' : 'comment'} data-testid="comment">
              {comment.internal && <span className="badge">Internal</span>}
              <p>{comment.text}</p>
              <time className="subtle" dateTime={comment.created_at}>
                {formatDate(comment.created_at)}
              </time>
            </li>
          ))}
        </ol>
      )}
      <form className="comment-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-add-a-comment`}>Add a comment</label>
          <textarea
            id={`${id}-add-a-comment`}
            name="comment"
            rows={3}
            value={text}
            aria-invalid={sendError ? true : undefined}
            aria-describedby={sendError ? `${id}-error` : undefined}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        {agent && (
          <label className="checkbox">
            <input type="checkbox" checked={internal} onChange={(event) => setInternal(event.target.checked)} />
            Internal note (agents only; never shown to the requester)
          </label>
        )}
        {sendError && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {sendError.message}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add comment'}
        </button>
      </form>
    </section>
  );
}
