/** A staffed desk opened with the store passphrase: the frame and the form with the desk's words. */
import { useTranslation } from 'react-i18next';
import { DeskFrame } from '../kit/desk-frame.tsx';
import { PassphraseForm } from './PassphraseForm.tsx';

export interface DeskOpenTexts {
  title: string;
  lead: string;
  passphrase: string;
  /** With {{terminal}}. */
  hint: string;
  submit: string;
  opening: string;
}

export function DeskOpenScreen(props: {
  texts: DeskOpenTexts;
  busy: unknown;
  terminalId: string;
  notice: unknown;
  onOpen(passphrase: string): void;
}) {
  const { t } = useTranslation();
  const x = props.texts;
  return (
    <DeskFrame name="open" title={t(x.title)} lead={t(x.lead)} focusHeading={false}>
      <PassphraseForm
        busy={!!props.busy}
        opening={props.busy === 'open'}
        label={t(x.passphrase)}
        hint={t(x.hint, { terminal: props.terminalId })}
        submit={t(x.submit)}
        openingText={t(x.opening)}
        focusKey={props.notice}
        onOpen={props.onOpen}
      />
    </DeskFrame>
  );
}
