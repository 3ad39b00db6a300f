/**
 * LAN peers (up or down) and the voters recorded as voted on two terminals that had not seen each
 * other: both records side by side, never silently dropped. Staff undo the mistaken one (operator).
 */
import { useTranslation } from 'react-i18next';
import { useDesk, useDeskActions } from '../context.ts';
import { activeVotes } from '../format.ts';
import { PEER_STATE } from '../labels.ts';
import { HubPanel } from '../../../components/HubPanel.tsx';
import { DeskFrame, VoteLine, VoterFacts } from '../parts.tsx';

export function ConflictsScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const conflicts = useDesk((s) => s.conflicts) ?? [];
  const sync = useDesk((s) => s.status?.sync);
  const open = conflicts.filter((c) => c.status === 'open');
  const resolved = conflicts.filter((c) => c.status === 'resolved');
  return (
    <DeskFrame name="conflicts" title={t('election.conflicts.title')} lead={t('election.conflicts.lead')}>
      <section aria-labelledby="peers-title" className="card">
        <h2 id="peers-title">{t('election.sync.title')}</h2>
        {!sync || (!sync.running && sync.peers.length === 0) ? (
          <p>
            {sync?.error ? t('election.sync.failed', { error: sync.error }) : t('election.sync.standalone')}
          </p>
        ) : (
          <table className="table" data-testid="peers">
            <thead>
              <tr>
                <th scope="col">{t('election.sync.peer')}</th>
                <th scope="col">{t('election.sync.state.label')}</th>
                <th scope="col">{t('election.sync.lastOk')}</th>
              </tr>
            </thead>
            <tbody>
              {sync.peers.map((p) => (
                <tr key={p.url} data-state={p.state}>
                  <th scope="row">{p.terminalId ? `${p.terminalId} (${p.url})` : p.url}</th>
                  <td>
                    <span
                      className={`dot dot-${p.state === 'ok' ? 'up' : p.state === 'unknown' ? 'unknown' : 'down'}`}
                      aria-hidden="true"
                    />{' '}
                    {t(PEER_STATE[p.state] ?? PEER_STATE.unknown!)}
                  </td>
                  <td>
                    {p.lastOkAt
                      ? new Date(p.lastOkAt).toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo' })
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {sync?.hub ? <HubPanel hub={sync.hub} /> : null}
      <section aria-labelledby="open-conflicts">
        <h2 id="open-conflicts">{t('election.conflicts.open', { count: open.length })}</h2>
        {open.length === 0 ? <p className="card ok">{t('election.conflicts.none')}</p> : null}
        <ul className="conflicts">
          {open.map((c) => {
            const votes = activeVotes(c.votes);
            return (
              <li key={c.rollNumber} className="card danger conflict" data-roll={c.rollNumber}>
                {c.voter ? (
                  <VoterFacts voter={c.voter} compact />
                ) : (
                  <p>{t('election.conflicts.unknownVoter', { roll: c.rollNumber })}</p>
                )}
                <div className="side-by-side">
                  {votes.map((v) => (
                    <div key={`${v.terminalId}-${v.seq}`} className="card record">
                      <VoteLine vote={v} />
                      <button
                        type="button"
                        className="btn danger small"
                        onClick={() =>
                          a.startUndo({
                            rollNumber: c.rollNumber,
                            name: c.voter?.name ?? c.rollNumber,
                            votes: [v],
                            from: 'conflicts',
                          })
                        }
                      >
                        {t('election.conflicts.undoThis')}
                      </button>
                    </div>
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      {resolved.length > 0 ? (
        <section aria-labelledby="resolved-conflicts">
          <h2 id="resolved-conflicts">{t('election.conflicts.resolved', { count: resolved.length })}</h2>
          <ul className="conflicts">
            {resolved.map((c) => (
              <li key={c.rollNumber} className="card">
                <p lang="ja">
                  {c.voter?.name ?? c.rollNumber}（{c.rollNumber}）
                </p>
                <ul className="vote-list">
                  {c.votes.map((v) => (
                    <li key={`${v.terminalId}-${v.seq}`}>
                      <VoteLine vote={v} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="actions">
        <button type="button" className="btn" onClick={a.next}>
          {t('election.stats.close')}
        </button>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => void a.openConflicts()}>
          {t('election.conflicts.refresh')}
        </button>
      </div>
    </DeskFrame>
  );
}
