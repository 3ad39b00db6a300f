/**
 * Undo a mistaken record: behind the operator PIN (operator.login), with a reason, and — when the
 * voter has several active records (a conflict) — the record chosen. The undo is itself an event.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tk } from '../../../i18n/keys.ts';
import { useDesk, useDeskActions } from '../context.ts';
import { DeskFrame, useFocusOnShow, VoteLine } from '../parts.tsx';
import { OperatorPinPad } from '../../../components/CardEntry.tsx';

const QUICK_REASONS = [
  tk('election.undo.quick.wrongPerson'),
  tk('election.undo.quick.mistake'),
  tk('election.undo.quick.double'),
];

function OperatorLogin() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const busy = useDesk((s) => s.busy);
  return (
    <section className="card" aria-labelledby="operator-title">
      <OperatorPinPad
        label={t('election.undo.operatorPin')}
        submitLabel={t('election.undo.login')}
        submitTestId="operator-ok"
        busy={!!busy}
        onSubmit={(pin) => void a.operatorLogin(pin)}
        intro={
          <>
            <h2 id="operator-title">{t('election.undo.operatorTitle')}</h2>
            <p>{t('election.undo.operatorLead')}</p>
          </>
        }
      />
    </section>
  );
}

export function UndoScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const undo = useDesk((s) => s.undo);
  const operator = useDesk((s) => s.operator);
  const busy = useDesk((s) => s.busy);
  const [reason, setReason] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const field = useFocusOnShow<HTMLInputElement>(operator?.token ?? 'none');
  if (!undo) return null;
  const several = undo.votes.length > 1;
  const vote = several ? undo.votes.find((v) => `${v.terminalId}#${v.seq}` === chosen) : undo.votes[0];
  const ready = reason.trim() !== '' && (!several || vote !== undefined) && !busy;
  return (
    <DeskFrame
      name="undo"
      title={t('election.undo.title')}
      lead={t('election.undo.lead', { name: undo.name })}
      focusHeading={!operator}
    >
      {!operator ? (
        <OperatorLogin />
      ) : (
        <form
          className="card desk-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (ready)
              void a.submitUndo(
                reason.trim(),
                vote ? { terminalId: vote.terminalId, seq: vote.seq } : undefined,
              );
          }}
        >
          <fieldset>
            <legend className="field">
              {several ? t('election.undo.chooseRecord') : t('election.undo.record')}
            </legend>
            {undo.votes.map((v) => {
              const id = `${v.terminalId}#${v.seq}`;
              return several ? (
                <label key={id} className="radio-row">
                  <input type="radio" name="vote" checked={chosen === id} onChange={() => setChosen(id)} />
                  <VoteLine vote={v} />
                </label>
              ) : (
                <p key={id}>
                  <VoteLine vote={v} />
                </p>
              );
            })}
          </fieldset>
          <label className="field" htmlFor="undo-reason">
            {t('election.undo.reason')}
          </label>
          <input
            id="undo-reason"
            ref={field}
            className="text-input"
            autoComplete="off"
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="undo-reason"
          />
          <div className="quick">
            {QUICK_REASONS.map((k) => (
              <button key={k} type="button" className="btn small" onClick={() => setReason(t(k))}>
                {t(k)}
              </button>
            ))}
          </div>
          <div className="actions">
            <button type="button" className="btn" onClick={a.cancelUndo}>
              {t('common.back')}
            </button>
            <span className="spacer" />
            <button type="submit" className="btn danger" disabled={!ready} data-testid="undo-submit">
              {t('election.undo.submit')}
            </button>
          </div>
        </form>
      )}
      {!operator ? (
        <div className="actions">
          <button type="button" className="btn" onClick={a.cancelUndo}>
            {t('common.back')}
          </button>
        </div>
      ) : null}
    </DeskFrame>
  );
}
