/**
 * Pieces every desk screen shares: the frame (a <main> labelled by its heading, with the current
 * message), the voter's facts, the records of a vote (when, where), the reminder that the face
 * photo check is the poll worker's.
 */
import { useTranslation } from 'react-i18next';
import type { ElectionVote, ElectionVoter } from '../../../src-main/contract/index.ts';
import { Address } from '../../components/Address.tsx';
import { whenParts, whereOf } from './format.ts';
import { REASON_SHORT } from './labels.ts';

export { DeskFrame, DeskNoticeBox, useFocusOnShow } from '../../kit/desk-frame.tsx';

export function VoterFacts(props: { voter: Omit<ElectionVoter, 'status'>; compact?: boolean }) {
  const { t } = useTranslation();
  const v = props.voter;
  return (
    <dl className={`facts voter-facts${props.compact ? ' compact' : ''}`}>
      <dt>{t('election.voter.name')}</dt>
      <dd lang="ja" className="voter-name resident-data" data-testid="voter-name">
        {v.name}
      </dd>
      <dt>{t('election.voter.kana')}</dt>
      <dd lang="ja">{v.kana || '—'}</dd>
      <dt>{t('election.voter.birthDate')}</dt>
      <dd lang="ja">
        {v.birthDateWareki}（{v.birthDate.replaceAll('-', '/')}）
      </dd>
      <dt>{t('election.voter.sex')}</dt>
      <dd>{t(v.sex === 'M' ? 'election.voter.male' : 'election.voter.female')}</dd>
      <dt>{t('election.voter.district')}</dt>
      <dd lang="ja" data-testid="voter-district">
        {v.district}
      </dd>
      <dt>{t('election.voter.address')}</dt>
      <dd lang="ja" className={props.compact ? 'voter-address' : undefined}>
        {v.address ? <Address text={v.address} /> : '—'}
      </dd>
      <dt>{t('election.voter.rollNumber')}</dt>
      <dd>{v.rollNumber}</dd>
    </dl>
  );
}

/** One record: 7月19日 10時42分 · 第1投票所 · 端末 desk-2 (期日前: the reason). */
export function VoteLine(props: { vote: ElectionVote }) {
  const { t } = useTranslation();
  const when = whenParts(props.vote);
  const where = whereOf(props.vote);
  return (
    <span className="vote-line" data-testid="vote-line">
      <span className="vote-when">{t('election.vote.when', { ...when })}</span>
      <span className="vote-where" lang="ja">
        {t('election.vote.where', where)}
      </span>
      <span className="vote-kind">
        {t(props.vote.kind === 'kijitsumae' ? 'election.kind.kijitsumae' : 'election.kind.tojitsu')}
        {props.vote.reason ? ` · ${t(REASON_SHORT[props.vote.reason])}` : ''}
      </span>
      {props.vote.undone ? <span className="tag">{t('election.vote.undone')}</span> : null}
    </span>
  );
}

export function FaceCheckReminder() {
  const { t } = useTranslation();
  return (
    <p className="card warn face-check" data-testid="face-check">
      {t('election.result.faceCheck')}
    </p>
  );
}
