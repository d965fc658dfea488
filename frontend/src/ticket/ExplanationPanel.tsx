import type { Explanation, NearestExample } from '../api/types';
import { describe, humanize, percent } from '../ui/format';
import { Link } from '../ui/router';
import { llmStep, ruleHit, stageName, teamScores } from './explanationModel';

/** Where a nearest example came from, in words. */
const SOURCES: Record<string, string> = {
  starter: 'starter set',
  file: 'knowledge folder',
  import: 'imported',
  api: 'added through the API',
  ticket: 'learnt from a ticket',
};

export function ExplanationPanel({ explanation }: { explanation: Explanation | null }) {
  if (!explanation) return <p className="subtle">The explanation of this decision is not available.</p>;
  const scores = teamScores(explanation);
  const examples: NearestExample[] = explanation.nearest_examples;
  const rules = explanation.rule_hits.map(ruleHit);
  const llm = llmStep(explanation);
  return (
    <div className="explanation" data-testid="explanation">
      <h3>The engine's decision</h3>
      {explanation.reason && <p>{explanation.reason}</p>}
      <dl className="facts compact">
        <dt>Decided by</dt>
        <dd data-testid="decided-by">{stageName(explanation.decided_by)}</dd>
        <dt>Model</dt>
        <dd>
          <code>{explanation.model}</code>
        </dd>
        {explanation.preferred_team && (
          <>
            <dt>Best-scoring team</dt>
            <dd>{explanation.preferred_team}</dd>
          </>
        )}
        <dt>Threshold{explanation.preferred_team ? ` for ${explanation.preferred_team}` : ''}</dt>
        <dd>{thresholdText(explanation.threshold)}</dd>
        <dt>Minimum similarity</dt>
        <dd>{percent(explanation.min_similarity)}</dd>
        {explanation.language && (
          <>
            <dt>Language</dt>
            <dd data-testid="language">{languageName(explanation.language)}</dd>
          </>
        )}
      </dl>
      {scores.length > 0 && (
        <>
          <h4>Scores per team</h4>
          <table className="scores">
            <caption className="visually-hidden">Probability per team, with the threshold each must reach</caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Score</th>
                <th scope="col">Threshold</th>
              </tr>
            </thead>
            <tbody>
              {scores.map(({ team, score, threshold }) => (
                <tr key={team}>
                  <th scope="row">{team}</th>
                  <td>
                    <div className="score-bar" aria-hidden="true">
                      <div className="fill" style={{ width: `${Math.round(score * 100)}%` }} />
                      {threshold !== null && threshold <= 1 && (
                        <div className="mark" style={{ left: `${Math.round(threshold * 100)}%` }} />
                      )}
                    </div>
                    <span className="score-value">{percent(score, 1)}</span>
                  </td>
                  <td>{thresholdText(threshold)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {rules.length > 0 && (
        <>
          <h4>Rules that fired</h4>
          <ul className="rules">
            {rules.map((rule, index) => (
              <li key={index}>{rule}</li>
            ))}
          </ul>
        </>
      )}
      {llm.length > 0 && (
        <>
          <h4>Language model stage</h4>
          <dl className="facts compact" data-testid="llm-step">
            {llm.map(([key, value]) => (
              <div key={key} className="fact">
                <dt>{humanize(key)}</dt>
                <dd>{describe(value)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {examples.length > 0 && (
        <>
          <h4>Nearest past tickets</h4>
          <ol className="examples">
            {examples.map((example, index) => (
              <li key={`${example.example_id}-${index}`}>
                {example.ticket_id != null ? (
                  <Link href={`/ticket/${example.ticket_id}`} data-testid="example-ticket">
                    #{example.ticket_id} {example.title}
                  </Link>
                ) : (
                  <span>{example.title}</span>
                )}
                <span className="tag team">{example.team}</span>
                <span className="subtle">
                  similarity {percent(example.similarity)}
                  {example.source && ` · ${SOURCES[example.source] ?? example.source}`}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

/** A threshold above 1 cannot be reached: no threshold met the precision target for that team. */
function thresholdText(threshold: number | null): string {
  if (threshold === null) return '–';
  return threshold > 1 ? 'none reaches the target' : percent(threshold, 1);
}

const LANGUAGES: Record<string, string> = { en: 'English', de: 'German', fr: 'French', es: 'Spanish' };

/** The detected language's name, or its ISO 639-1 code when the dashboard does not know it. */
function languageName(code: string): string {
  return LANGUAGES[code] ?? code;
}
