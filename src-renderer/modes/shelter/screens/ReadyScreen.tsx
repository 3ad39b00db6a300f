/**
 * Waiting for the next family. A card placed on the reader starts by itself (the store listens):
 * a tap for a card linked before, the card's numbers for a first visit. Without a card: search the
 * resident list, or register by hand.
 */
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon.tsx';
import { DeskFrame } from '../../../kit/desk-frame.tsx';
import { useShelter, useShelterActions } from '../context.ts';
import { Flash } from '../parts.tsx';

export function ReadyScreen() {
  const { t } = useTranslation();
  const a = useShelterActions();
  const flash = useShelter((s) => s.flash);
  const busy = useShelter((s) => s.busy);
  return (
    <DeskFrame name="ready" title={t('shelter.ready.title')} lead={t('shelter.ready.lead')} className="ready">
      <Flash flash={flash} />
      <div className="card center card-prompt">
        <Icon name="card" size="5rem" />
        <p>{t('shelter.ready.card')}</p>
        <p className="hint">{t('shelter.ready.tapHint')}</p>
      </div>
      <div className="grid two ways">
        <button
          type="button"
          className="btn big choice"
          onClick={() => a.openSearch()}
          disabled={!!busy}
          data-testid="open-search"
        >
          {t('shelter.ready.search')}
        </button>
        <button
          type="button"
          className="btn big choice"
          onClick={() => a.openRegister(false)}
          disabled={!!busy}
          data-testid="open-register"
        >
          {t('shelter.ready.register')}
        </button>
      </div>
    </DeskFrame>
  );
}
