/**
 * The one unmistakable result: green 受付可 (with the district), red 投票済み (when, where), amber
 * この投票区ではありません (the right station), grey 名簿にありません. Colour is never the only
 * sign: the word is the heading and each panel has its own symbol. Several candidates show side by
 * side. The face photo check stays with the poll worker (always said).
 */
import { Address } from '../../../components/Address.tsx';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ElectionVoter } from '../../../../src-main/contract/index.ts';
import { useDesk, useDeskActions } from '../context.ts';
import { activeVotes } from '../format.ts';
import { RESULT_LEAD, RESULT_TITLE } from '../labels.ts';
import {
  DeskFrame,
  DeskNoticeBox,
  FaceCheckReminder,
  useFocusOnShow,
  VoteLine,
  VoterFacts,
} from '../parts.tsx';
import type { ResultKind } from '../desk-screens.ts';

const SYMBOL: Record<ResultKind, string> = { ok: '○', voted: '×', wrongStation: '！', none: '？' };

/** Escape = next voter (the worker's quickest way back to the queue). */
function useEscapeToNext(): void {
  const a = useDeskActions();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target instanceof HTMLElement && e.target.closest('dialog'))) a.next();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [a]);
}

function StatusDetail(props: { voter: ElectionVoter }) {
  const { t } = useTranslation();
  const s = props.voter.status;
  if (s.code === 'OK')
    return (
      <p className="verdict-detail" lang="ja">
        {t('election.result.ok.district', { district: props.voter.district })}
      </p>
    );
  if (s.code === 'ALREADY_VOTED') {
    const votes = activeVotes(s.votes);
    return (
      <div className="verdict-detail">
        {s.conflict ? (
          <p className="status">{t('election.result.voted.conflict', { count: votes.length })}</p>
        ) : null}
        <ul className="vote-list">
          {votes.map((v) => (
            <li key={`${v.terminalId}-${v.seq}`}>
              <VoteLine vote={v} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="verdict-detail">
      <p>{t('election.result.wrongStation.goTo')}</p>
      <ul className="station-list">
        {s.stations.length === 0 ? <li>{t('election.result.wrongStation.unknown')}</li> : null}
        {s.stations.map((st) => (
          <li key={st.stationId} lang="ja" className="station-name">
            {st.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ResultScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const voter = useDesk((s) => s.voter);
  const kind = useDesk((s) => s.resultKind ?? 'none');
  const busy = useDesk((s) => s.busy);
  const cardSeen = useDesk((s) => s.cardSeen);
  const lookedUp = useDesk((s) => (s.identifiedBy === 'barcode' ? s.lookedUp : null));
  const electionKind = useDesk((s) => s.status?.election?.kind ?? 'tojitsu');
  const primary = useFocusOnShow<HTMLButtonElement>(`${kind}-${voter?.rollNumber ?? ''}`);
  useEscapeToNext();

  return (
    <main
      className={`screen desk result result-${kind}`}
      aria-labelledby="desk-title"
      aria-describedby="verdict-lead"
      data-screen={`result:${kind}`}
    >
      <DeskNoticeBox />
      <div className={`result-body${voter || cardSeen ? '' : ' single'}`}>
        <section className={`verdict verdict-${kind}`} data-testid="verdict" data-kind={kind}>
          <span className="verdict-symbol" aria-hidden="true">
            {SYMBOL[kind]}
          </span>
          <div>
            <h1 id="desk-title" tabIndex={-1} className="verdict-word">
              {t(RESULT_TITLE[kind])}
            </h1>
            <p id="verdict-lead" className="verdict-lead">
              {t(RESULT_LEAD[kind])}
            </p>
            {voter ? <StatusDetail voter={voter} /> : null}
            {!voter && lookedUp ? (
              <p className="verdict-detail" data-testid="looked-up">
                {t('election.result.none.number', { roll: lookedUp })}
              </p>
            ) : null}
          </div>
        </section>
        {voter ? (
          <div className="card">
            <VoterFacts voter={voter} />
          </div>
        ) : null}
        {!voter && cardSeen ? (
          <div className="card" data-testid="card-seen">
            <h2>{t('election.result.none.cardSays')}</h2>
            <dl className="facts">
              <dt>{t('election.voter.name')}</dt>
              <dd lang="ja" className="resident-data">
                {cardSeen.name}
              </dd>
              <dt>{t('election.voter.birthDate')}</dt>
              <dd lang="ja">{cardSeen.birthDateWareki}</dd>
              <dt>{t('election.voter.address')}</dt>
              <dd lang="ja" className="resident-data">
                <Address text={cardSeen.address} />
              </dd>
            </dl>
          </div>
        ) : null}
      </div>
      <FaceCheckReminder />
      <div className="actions">
        {kind === 'ok' ? (
          <>
            <button type="button" className="btn" onClick={a.next} data-testid="next">
              {t('election.result.cancel')}
            </button>
            <span className="spacer" />
            <button
              type="button"
              ref={primary}
              className="btn primary big"
              disabled={!!busy}
              onClick={() => void a.accept()}
              data-testid="accept"
            >
              {electionKind === 'kijitsumae'
                ? t('election.result.ok.toReason')
                : t('election.result.ok.record')}
            </button>
          </>
        ) : (
          <>
            {kind === 'voted' && voter ? (
              <button
                type="button"
                className="btn danger"
                onClick={() =>
                  a.startUndo({
                    rollNumber: voter.rollNumber,
                    name: voter.name,
                    votes: voter.status.code === 'ALREADY_VOTED' ? activeVotes(voter.status.votes) : [],
                  })
                }
                data-testid="undo"
              >
                {t('election.result.voted.undo')}
              </button>
            ) : null}
            {kind === 'none' || kind === 'wrongStation' ? (
              <button type="button" className="btn" onClick={a.openSearch} data-testid="to-search">
                {t('election.ready.search')}
              </button>
            ) : null}
            <span className="spacer" />
            <button
              type="button"
              ref={primary}
              className="btn primary big"
              onClick={a.next}
              data-testid="next"
            >
              {t('election.result.next')}
            </button>
          </>
        )}
      </div>
    </main>
  );
}

export function CandidatesScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const candidates = useDesk((s) => s.candidates);
  const cardSeen = useDesk((s) => s.cardSeen);
  useEscapeToNext();
  return (
    <DeskFrame
      name="candidates"
      title={t('election.candidates.title', { count: candidates.length })}
      lead={t('election.candidates.lead')}
    >
      {cardSeen ? (
        <p className="card" lang="ja" data-testid="card-seen">
          {t('election.candidates.cardSays', { name: cardSeen.name, address: cardSeen.address })}
        </p>
      ) : null}
      <CandidateList voters={candidates} onChoose={a.choose} />
      <FaceCheckReminder />
      <div className="actions">
        <span className="spacer" />
        <button type="button" className="btn" onClick={a.next}>
          {t('election.result.next')}
        </button>
      </div>
    </DeskFrame>
  );
}

/** Voters side by side, each with its status word and a button to take it. */
export function CandidateList(props: { voters: ElectionVoter[]; onChoose: (rollNumber: string) => void }) {
  const { t } = useTranslation();
  return (
    <ul className="candidates" data-testid="candidates">
      {props.voters.map((v) => {
        const kind =
          v.status.code === 'OK' ? 'ok' : v.status.code === 'ALREADY_VOTED' ? 'voted' : 'wrongStation';
        return (
          <li key={v.rollNumber} className={`card candidate candidate-${kind}`} data-roll={v.rollNumber}>
            <p className={`chip chip-${kind}`}>{t(RESULT_TITLE[kind])}</p>
            <VoterFacts voter={v} compact />
            <button
              type="button"
              className="btn primary block"
              onClick={() => props.onChoose(v.rollNumber)}
              aria-label={t('election.candidates.chooseNamed', { name: v.name, roll: v.rollNumber })}
              data-testid="choose"
            >
              {t('election.candidates.choose')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
